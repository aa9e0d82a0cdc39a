"""Demo content of the knowledge base, written for this site from facts in the
seed documents (the partners' magazine, a congress report, two presentations
and a news item). Dutch first; German and English where given."""
