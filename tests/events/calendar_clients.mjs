// Reads {name: iCalendar text} as JSON on stdin and prints, as JSON, the dates
// two JavaScript calendar libraries show for each file: every series expanded
// with its exceptions up to a limit, cancelled dates left out. Timed dates are
// UTC instants (`2026-12-01T08:00:00.000Z`), all-day dates ISO dates.
// Used by tests/calendar_clients.py; run with TZ=UTC.
// Usage: node calendar_clients.mjs <ical.js dist/ical.js> <node-ical dir> <until ISO> < files.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const ICAL = (await import(pathToFileURL(process.argv[2]).href)).default;
const nodeIcal = createRequire(import.meta.url)(process.argv[3]);
const until = new Date(process.argv[4]);
const files = JSON.parse(readFileSync(0, "utf8"));

const cancelled = (status) => (status || "").toString().toUpperCase() === "CANCELLED";
const pad = (n) => String(n).padStart(2, "0");

function icaljs(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
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
    if (!master) throw new Error(`${uid}: exceptions without their series`);
    const event = new ICAL.Event(master, { exceptions, strictExceptions: true });
    if (!event.isRecurring()) {
      if (!cancelled(master.getFirstPropertyValue("status"))) dates.push([uid, shown(event.startDate)]);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.toJSDate() <= until; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      if (!cancelled(details.item.component.getFirstPropertyValue("status"))) {
        dates.push([uid, shown(details.startDate)]);
      }
    }
  }
  return dates.sort();
}

function nodeical(text) {
  const dates = [];
  const shown = (start, fullDay) =>
    fullDay
      ? `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`
      : start.toISOString();
  for (const event of Object.values(nodeIcal.sync.parseICS(text))) {
    if (event.type !== "VEVENT") continue;
    const instances = nodeIcal.expandRecurringEvent(event, { from: new Date(0), to: until });
    for (const instance of instances) {
      if (!cancelled(instance.event.status)) {
        dates.push([event.uid, shown(instance.start, instance.isFullDay)]);
      }
    }
  }
  return dates.sort();
}

const result = {};
for (const [name, text] of Object.entries(files)) {
  result[name] = { "ical.js": icaljs(text), "node-ical": nodeical(text) };
}
process.stdout.write(JSON.stringify(result));
