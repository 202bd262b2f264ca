// Which of some event ids exist in a community (attendance of unknown events is rejected).
// param: community - the community id
// param: ids (list) - event ids
UNWIND $ids AS id
MATCH (e:Event {community: $community, id: id}) USING INDEX SEEK e:Event(community, id)
RETURN collect(e.id) AS known
