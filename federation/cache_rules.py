"""What federation's rows touch in the page cache: nothing. Keys, followers,
deliveries and the record of what was sent are never shown on a page (the
ActivityPub answers of event and article pages are not cached, see
`federation.negotiation`)."""

from federation.models import Actor, Delivery, Follower, PublishedObject, RemoteActor
from home import invalidation

invalidation.ignore(Actor, Follower, RemoteActor, PublishedObject, Delivery)
