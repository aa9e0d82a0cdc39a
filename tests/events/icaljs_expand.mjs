// Reads an iCalendar file on stdin and prints, as JSON, every date a calendar
// app would show: each series expanded with its exceptions (RECURRENCE-ID),
// cancelled dates left out. Used by tests/events/test_calendar_files.py.
// Usage: node icaljs_expand.mjs <path to ical.js's dist/ical.js> < file.ics
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const ICAL = (await import(pathToFileURL(process.argv[2]).href)).default;
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}

const cancelled = (component) =>
  (component.getFirstPropertyValue("status") || "").toUpperCase() === "CANCELLED";
const shown = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString());

const byUid = new Map();
for (const vevent of root.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  byUid.set(uid, [...(byUid.get(uid) || []), vevent]);
}
const dates = [];
for (const [uid, components] of byUid) {
  const master = components.find((c) => !c.hasProperty("recurrence-id"));
  const exceptions = components.filter((c) => c.hasProperty("recurrence-id"));
  if (!master) {
    throw new Error(`${uid}: exceptions without their series`);
  }
  const event = new ICAL.Event(master, { exceptions, strictExceptions: true });
  if (!event.isRecurring()) {
    if (!cancelled(master)) dates.push({ uid, start: shown(event.startDate) });
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(), n = 0; next && n < 10000; next = iterator.next(), n++) {
    const details = event.getOccurrenceDetails(next);
    if (!cancelled(details.item.component)) {
      dates.push({ uid, start: shown(details.startDate) });
    }
  }
}
process.stdout.write(JSON.stringify(dates));
