"""Festival programmes: a `FestivalPage` whose sessions are `EventPage`s.

- `models`: the festival page, its tracks, rooms and organising partners.
- `programme`: reads a festival's sessions into a day grid, a filtered list,
  speakers and partners, in a fixed number of queries.
- `exports`: the programme as iCal, JSON and frab-compatible schedule XML.
- `views`: the festival page's routes.
- `hooks`: what the apps above add to the festival page (travel: its section).
"""
