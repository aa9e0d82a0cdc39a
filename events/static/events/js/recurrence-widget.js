/* The recurrence controls in the page editor: show only the controls that apply
   to the chosen frequency and preview the rule as a sentence with its next
   dates (server-side, in the editor's language). The preview includes the
   "Changes to single dates" as they stand in the editor (cancelled, moved and
   extra dates), so it follows every change before saving. Works for widgets
   added later too: it initialises on any event inside the editor. */
(function () {
    "use strict";
    var timers = new WeakMap();
    var EXCEPTION_FIELD = /^exceptions-\d+-(date|action|new_date|new_start_time|new_end_time|reason|DELETE)$/;

    function fieldValue(form, name) {
        var input = form.querySelector('[name="' + name + '"]');
        if (!input) return "";
        if (input.type === "checkbox") return input.checked ? "on" : "";
        return input.value;
    }

    function toggle(editor) {
        var freq = editor.querySelector("[data-recurrence-freq]").value;
        editor.querySelectorAll("[data-recurrence-show]").forEach(function (el) {
            var shown = el.getAttribute("data-recurrence-show").split(" ").indexOf(freq) !== -1;
            el.hidden = !shown;
        });
    }

    function preview(editor) {
        var form = editor.closest("form");
        var box = editor.querySelector("[data-recurrence-preview]");
        if (!form || !box) return;
        var params = new URLSearchParams();
        var name = editor.getAttribute("data-name");
        params.set("name", name);
        editor.querySelectorAll("input, select, textarea").forEach(function (el) {
            if (!el.name) return;
            if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
            params.append(el.name, el.value);
        });
        params.set("start", fieldValue(form, "start"));
        params.set("end", fieldValue(form, "end"));
        params.set("all_day", fieldValue(form, "all_day"));
        form.querySelectorAll("input, select, textarea").forEach(function (el) {
            if (!el.name || !EXCEPTION_FIELD.test(el.name)) return;
            if (el.type === "checkbox" && !el.checked) return;
            // A row deleted in the InlinePanel keeps its fields with DELETE set.
            if (/-DELETE$/.test(el.name) && !(el.value && el.value !== "false")) return;
            params.append(el.name, el.value);
        });
        fetch(editor.getAttribute("data-preview-url") + "?" + params.toString(), {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        })
            .then(function (response) { return response.json(); })
            .then(function (data) {
                box.hidden = false;
                box.classList.toggle("is-error", Boolean(data.error));
                box.querySelector("[data-recurrence-sentence]").textContent = data.error || data.sentence;
                var list = box.querySelector("[data-recurrence-dates]");
                list.textContent = "";
                (data.items || []).forEach(function (item) {
                    var li = document.createElement("li");
                    var when = document.createElement(item.status === "cancelled" ? "del" : "span");
                    when.textContent = item.text;
                    li.appendChild(when);
                    li.className = "recurrence-editor__date recurrence-editor__date--" + item.status;
                    if (item.label) {
                        var label = document.createElement("strong");
                        label.textContent = " " + item.label;
                        li.appendChild(label);
                    }
                    if (item.note) li.appendChild(document.createTextNode(" · " + item.note));
                    list.appendChild(li);
                });
            })
            .catch(function () { box.hidden = true; });
    }

    function schedule(editor) {
        clearTimeout(timers.get(editor));
        timers.set(editor, setTimeout(function () { preview(editor); }, 300));
    }

    function init(editor) {
        if (editor.dataset.ready) return;
        editor.dataset.ready = "1";
        toggle(editor);
        preview(editor);
        editor.addEventListener("change", function (event) {
            if (event.target.matches("[data-recurrence-freq]")) toggle(editor);
            schedule(editor);
        });
        editor.addEventListener("input", function () { schedule(editor); });
        var form = editor.closest("form");
        if (form) {
            ["start", "end", "all_day"].forEach(function (name) {
                var input = form.querySelector('[name="' + name + '"]');
                if (input) {
                    input.addEventListener("change", function () { schedule(editor); });
                    input.addEventListener("input", function () { schedule(editor); });
                }
            });
            // Changes to single dates: typing in a row, adding or deleting one.
            ["change", "input"].forEach(function (type) {
                form.addEventListener(type, function (event) {
                    if (event.target.name && EXCEPTION_FIELD.test(event.target.name)) schedule(editor);
                });
            });
            var rows = form.querySelector("#id_exceptions-FORMS");
            if (rows && window.MutationObserver) {
                new MutationObserver(function () { schedule(editor); }).observe(rows, {
                    childList: true,
                    subtree: true,
                    attributes: true,
                    attributeFilter: ["class", "value", "hidden"],
                });
            }
        }
    }

    function initAll() {
        document.querySelectorAll("[data-recurrence-editor]").forEach(init);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", initAll);
    } else {
        initAll();
    }
    // Panels rendered later (InlinePanel rows, tabs) get initialised on first focus.
    document.addEventListener("focusin", function (event) {
        var editor = event.target.closest && event.target.closest("[data-recurrence-editor]");
        if (editor) init(editor);
    });
})();
