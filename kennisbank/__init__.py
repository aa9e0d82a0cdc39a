"""Knowledge base: articles, inspiring examples, the organisation directory, feeds."""
