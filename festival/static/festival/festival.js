/*
 * Festival programme: star sessions for "my programme".
 *
 * Progressive enhancement: without JavaScript every session has a plain link
 * "Add to my programme" that carries the choice in the address
 * (my-programme/?sessions=1,2,3). With JavaScript that link becomes a toggle
 * button (aria-pressed) and the choice is kept in localStorage, one list of
 * date ids per festival (the same in every language). The "My programme (n)"
 * link in the festival navigation always points at the current choice, and
 * "my programme" opened without a choice in its address shows the stored one.
 */
(function () {
    "use strict";

    var root = document.querySelector("[data-festival]");
    if (!root) {
        return;
    }
    var key = root.getAttribute("data-festival");
    var myUrl = root.getAttribute("data-my-programme-url");
    var label = root.getAttribute("data-star-label");

    function load() {
        try {
            var value = JSON.parse(window.localStorage.getItem(key) || "[]");
            return Array.isArray(value) ? value.filter(function (id) { return /^\d+$/.test(String(id)); }).map(String) : [];
        } catch (error) {
            return [];
        }
    }

    function save(ids) {
        try {
            window.localStorage.setItem(key, JSON.stringify(ids));
        } catch (error) {
            /* Private mode or storage full: the links still work. */
        }
    }

    var ids = load();

    /* "My programme" opened without a choice in its address (a bookmark, the
     * breadcrumb, coming back later): go to the address of the sessions starred
     * in this browser. The page itself stays the same for everybody (and
     * cacheable); the server renders the choice as it does for a shared link,
     * and the address bar then holds the link to bookmark. `replace` leaves no
     * empty page in the history for "Back" to return to. */
    if (root.querySelector("[data-my-programme-page]") && ids.length &&
            !new URLSearchParams(window.location.search).has("sessions")) {
        window.location.replace(myUrl + "?sessions=" + ids.join(","));
        return;
    }

    function updateLinks() {
        var url = myUrl + (ids.length ? "?sessions=" + ids.join(",") : "");
        document.querySelectorAll("[data-my-programme-link]").forEach(function (link) {
            link.setAttribute("href", url);
            var count = link.querySelector("[data-my-programme-count]");
            if (count) {
                count.textContent = ids.length ? "(" + ids.length + ")" : "";
            }
        });
    }

    function updateButtons() {
        document.querySelectorAll("button[data-star]").forEach(function (button) {
            var pressed = ids.indexOf(button.getAttribute("data-star")) !== -1;
            button.setAttribute("aria-pressed", pressed ? "true" : "false");
        });
    }

    function toggle(id) {
        var index = ids.indexOf(id);
        if (index === -1) {
            ids.push(id);
        } else {
            ids.splice(index, 1);
        }
        save(ids);
        updateButtons();
        updateLinks();
    }

    document.querySelectorAll("[data-session]").forEach(function (item) {
        var id = item.getAttribute("data-session");
        var actions = item.querySelector(".session__actions");
        if (!actions || actions.querySelector("button[data-star]")) {
            return;
        }
        var title = item.querySelector(".session__title a, .timetable__title a");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "star-button";
        button.setAttribute("data-star", id);
        var icon = document.createElement("span");
        icon.className = "star-button__icon";
        icon.setAttribute("aria-hidden", "true");
        var text = document.createElement("span");
        text.className = "star-button__label";
        text.textContent = label;
        button.appendChild(icon);
        button.appendChild(text);
        if (title) {
            var hidden = document.createElement("span");
            hidden.className = "visually-hidden";
            hidden.textContent = ": " + title.textContent.trim();
            button.appendChild(hidden);
        }
        button.addEventListener("click", function () {
            toggle(id);
        });
        var fallback = actions.querySelector(".session__add");
        if (fallback) {
            fallback.hidden = true;
        }
        actions.insertBefore(button, actions.firstChild);
    });

    updateButtons();
    updateLinks();
})();
