"""Chat exports into the interchange format: Telegram Desktop, Slack, DiscordChatExporter,
WeChat (WeChatMsg/MemoTrace, chatlog), WeCom, QQ and WhatsApp.

Each converter reads one export and writes interchange tables (members, interactions,
shares) into a directory, which ``load_directory`` then loads like any other export:
the same validation, reject file, idempotence and summary. The mapping onto the model:

* a reply (or a quote) is an interaction of type ``reply`` from the replier to the replied-to author;
* a mention of a known person is an interaction of type ``mention``;
* a reaction is an interaction of type ``reaction`` (weighted lower by the analysis);
* a message in a direct conversation is an interaction of type ``message`` to the other person;
* a join sets the member's ``joined_at``; a join through an invitation, a link or a QR code
  is a share with ``joined=true`` from the inviter (channel ``invite``, ``link``, ``qrcode``);
* a departure sets ``left_at`` and ``left_reason`` (``left`` or ``removed``); a later join
  makes the person a current member again;
* a forward is a share with ``joined=false`` from the original author to the forwarder
  (channel ``forward``): the author's content reached the group through them.

What an export holds but the model cannot take (a mention of an unknown name, a reply to a
message outside the export, reactions without their reactors, bots) is counted by kind in
the conversion summary, never guessed and never dropped silently. docs/exports.md has each
export's details.
"""

from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.chat.exports import EXPORTS, ExportKind, ExportLoad, convert_export, load_export
from graphmodel.loaders.chat.options import OPTIONS, ExportOptions

__all__ = ["EXPORTS", "OPTIONS", "ChatConversion", "ExportKind", "ExportLoad", "ExportOptions", "convert_export",
           "load_export"]
