// Colours every service node of the map by its live health from the gateway.
(function () {
  'use strict';
  var POLL_MS = 3000;
  var STATUSES = ['UP', 'DOWN', 'RESTARTING', 'UNKNOWN', 'PLANNED'];
  var summary = document.getElementById('health-summary');

  function nodes() {
    return Array.prototype.slice.call(document.querySelectorAll('a.svc[data-service]'));
  }

  function apply(services) {
    var byKey = {};
    services.forEach(function (s) { byKey[s.key] = s.status; });
    var counts = { UP: 0, DOWN: 0, RESTARTING: 0, UNKNOWN: 0, PLANNED: 0 };
    nodes().forEach(function (a) {
      var status = byKey[a.getAttribute('data-service')];
      if (STATUSES.indexOf(status) < 0) {
        status = 'UNKNOWN';
      }
      a.setAttribute('data-health', status);
      a.setAttribute('aria-label', a.querySelector('title').textContent + ' — ' + status);
      counts[status]++;
    });
    summary.textContent = counts.UP + ' up, ' + counts.DOWN + ' down, '
      + (counts.RESTARTING ? counts.RESTARTING + ' restarting, ' : '') + counts.UNKNOWN + ' unknown, '
      + counts.PLANNED + ' planned — checked ' + new Date().toLocaleTimeString();
  }

  function unreachable() {
    nodes().forEach(function (a) {
      var key = a.getAttribute('data-service');
      // the gateway served this page but not its status: everything else is unknown
      a.setAttribute('data-health', key === 'gateway' ? 'DOWN' : 'UNKNOWN');
    });
    summary.textContent = 'Service status unavailable — retrying';
  }

  function poll() {
    fetch('/api/platform/services', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(apply, unreachable)
      .then(function () {
        document.body.setAttribute('data-health-loaded', 'true');
        setTimeout(poll, POLL_MS);
      });
  }

  poll();
}());
