// Constraints and indexes of the community model, created idempotently by `graphmodel init`.
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (c:Community) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT member_key IF NOT EXISTS FOR (m:Member) REQUIRE (m.community, m.id) IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (e:Event) REQUIRE (e.community, e.id) IS UNIQUE;
CREATE CONSTRAINT role_name IF NOT EXISTS FOR (r:Role) REQUIRE r.name IS UNIQUE;
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (a:AnalysisRun) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT fission_run_id IF NOT EXISTS FOR (f:FissionRun) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT cascade_key IF NOT EXISTS FOR (c:Cascade) REQUIRE (c.run, c.root) IS UNIQUE;
CREATE CONSTRAINT circle_key IF NOT EXISTS FOR (c:Circle) REQUIRE (c.run, c.id) IS UNIQUE;
CREATE CONSTRAINT job_lock_community IF NOT EXISTS FOR (l:JobLock) REQUIRE l.community IS UNIQUE;
CREATE CONSTRAINT job_run_id IF NOT EXISTS FOR (r:JobRun) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:Tombstone) REQUIRE (t.community, t.digest) IS UNIQUE;
CREATE CONSTRAINT schema_name IF NOT EXISTS FOR (s:GraphModelSchema) REQUIRE s.name IS UNIQUE;
// Interactions and shares are kept unique by key by the loader, under the community's lock (see
// graphmodel/loaders/directory.py): a uniqueness constraint on them cost a fifth of the server's time
// while loading. Graphs made by earlier versions lose theirs here.
DROP CONSTRAINT interacted_key IF EXISTS;
DROP CONSTRAINT shared_key IF EXISTS;
CREATE CONSTRAINT has_role_key IF NOT EXISTS FOR ()-[r:HAS_ROLE]-() REQUIRE r.key IS UNIQUE;
CREATE INDEX member_community IF NOT EXISTS FOR (m:Member) ON (m.community);
CREATE INDEX event_community IF NOT EXISTS FOR (e:Event) ON (e.community);
CREATE INDEX analysis_run_community IF NOT EXISTS FOR (a:AnalysisRun) ON (a.community);
CREATE INDEX fission_run_community IF NOT EXISTS FOR (f:FissionRun) ON (f.community);
CREATE INDEX cascade_community IF NOT EXISTS FOR (c:Cascade) ON (c.community);
CREATE INDEX has_role_community IF NOT EXISTS FOR ()-[r:HAS_ROLE]-() ON (r.community);
CREATE INDEX has_role_run IF NOT EXISTS FOR ()-[r:HAS_ROLE]-() ON (r.run);
CREATE INDEX imbalance_run IF NOT EXISTS FOR (f:Imbalance) ON (f.run);
CREATE INDEX circle_community IF NOT EXISTS FOR (c:Circle) ON (c.community);
CREATE INDEX fission_flag_run IF NOT EXISTS FOR (f:FissionFlag) ON (f.run);
CREATE INDEX fission_channel_run IF NOT EXISTS FOR (c:FissionChannel) ON (c.run);
CREATE INDEX echo_finding_run IF NOT EXISTS FOR (e:EchoFinding) ON (e.run)
