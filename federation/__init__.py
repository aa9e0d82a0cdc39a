"""ActivityPub for the network: the site and each partner section as actors
(WebFinger, NodeInfo, signed inbox, outbox, followers), events and articles as
ActivityStreams objects in every language, delivered to followers on publish,
change, cancel and unpublish.

Where to look: `actors` (who we are), `objects` (what we say), `signatures`
(HTTP signatures), `inbox` (who sent it), `services` (the rules), `transport`
(talking to other servers), `tasks` and `deliver_activities` (the worker and
cron), `negotiation` + `wagtail_hooks` (pages answering ActivityStreams)."""
