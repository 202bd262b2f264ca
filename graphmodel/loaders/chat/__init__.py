"""Chat exports into the interchange format: Telegram Desktop, Slack, DiscordChatExporter.

Each converter reads one export and writes interchange tables (members, interactions,
shares) into a directory, which ``load_directory`` then loads like any other export:
the same validation, reject file, idempotence and summary. The mapping onto the model:

* a reply is an interaction of type ``reply`` from the replier to the replied-to author;
* a mention of a known user is an interaction of type ``mention``;
* a reaction is an interaction of type ``reaction`` (weighted lower by the analysis);
* a join through an invitation or an invite link is a share with ``joined=true`` from
  the inviter (channel ``invite`` or ``link``), and the member's ``joined_at``;
* a forward is a share with ``joined=false`` from the original author to the forwarder
  (channel ``forward``): the author's content reached the group through them.

What an export cannot tell (a mention of an unknown @name, a forward from outside the
chat) is counted in the conversion summary, not guessed.
"""

from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.chat.exports import EXPORTS, ExportKind, ExportLoad, convert_export, load_export

__all__ = ["EXPORTS", "ChatConversion", "ExportKind", "ExportLoad", "convert_export", "load_export"]
