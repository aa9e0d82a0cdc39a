"""The open-data app stores nothing: no cache rules of its own. Its JSON answers
and the embedded calendar are page-cached under `any-change`
(home.cache: responses that name no tag), so every change renews them."""
