// The board's own script (no inline script: CSP). It ticks every countdown once a second and, when
// /board/events says something changed, refetches the board's table (several changes close together
// cause one refetch). Without script the page still shows the board as of its last load.
(function () {
  'use strict';
  var lang = (document.documentElement.getAttribute('lang') || 'vi').slice(0, 2);

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function text(ms) {
    var overdue = ms < 0;
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var body;
    if (lang === 'en') {
      body = d >= 1 ? d + ' d ' + h + ' h' : h >= 1 ? h + ' h ' + pad(m) + ' min' : m + ' min ' + pad(sec) + ' s';
      return (overdue ? 'overdue ' : 'in ') + body;
    }
    body = d >= 1 ? d + ' ngày ' + h + ' giờ' : h >= 1 ? h + ' giờ ' + pad(m) + ' phút' : m + ' phút ' + pad(sec) + ' giây';
    return (overdue ? 'quá hạn ' : 'còn ') + body;
  }

  function tick() {
    var now = Date.now();
    var all = document.querySelectorAll('time.countdown[datetime]');
    for (var i = 0; i < all.length; i++) {
      var due = Date.parse(all[i].getAttribute('datetime'));
      if (!isNaN(due)) {
        all[i].textContent = text(due - now);
        all[i].classList.toggle('overdue', due < now);
      }
    }
  }

  tick();
  window.setInterval(tick, 1000);

  var live = document.getElementById('board-live');
  var board = document.getElementById('board');
  if (!live || !board || !window.EventSource || !window.fetch) {
    return;
  }

  // The latest change heard (the server's "at"): the refetch asks for a board read no earlier than it, so a
  // board shared between viewers is never older than the change that caused the refetch.
  var pending = null, changedAt = null;
  function refresh() {
    pending = null;
    var url = live.getAttribute('data-fragment') + (changedAt ? '&after=' + encodeURIComponent(changedAt) : '');
    window.fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) {
          board.innerHTML = html;
          tick();
          live.setAttribute('data-updated', new Date().toISOString());
        }
      })
      .catch(function () { /* the next change or reload tries again */ });
  }

  // The live connection never ends: opened while the page still loads, it can hold the page's load
  // event back for good (the tab spins, and whatever waits for "load" waits forever). It opens after.
  function listen() {
    var source = new EventSource(live.getAttribute('data-events'));
    source.addEventListener('changed', function (event) {
      try {
        var at = JSON.parse(event.data).at;
        if (at && (!changedAt || Date.parse(at) > Date.parse(changedAt))) {
          changedAt = at;
        }
      } catch (e) { /* an event without a time: the refetch takes any fresh read */ }
      if (pending === null) {
        pending = window.setTimeout(refresh, 500);
      }
    });
    source.addEventListener('open', function () { live.classList.remove('offline'); });
    source.addEventListener('error', function () { live.classList.add('offline'); });
  }

  if (document.readyState === 'complete') {
    listen();
  } else {
    window.addEventListener('load', listen);
  }
})();
