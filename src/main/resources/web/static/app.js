// followup web UI: keyboard shortcuts and small conveniences. Same-origin, no inline script (CSP).
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.queue tbody tr'));
  var current = rows.length ? 0 : -1;
  var pendingG = false;

  function mark() {
    rows.forEach(function (row, index) { row.classList.toggle('cursor', index === current); });
    if (current >= 0) { rows[current].scrollIntoView({block: 'nearest'}); }
  }

  function typing(target) {
    return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
  }

  function click(id) {
    var element = document.getElementById(id);
    if (element) { element.click(); return true; }
    return false;
  }

  function focus(id) {
    var element = document.getElementById(id);
    if (element) { element.focus(); return true; }
    return false;
  }

  var selectAll = document.getElementById('select-all');
  if (selectAll) {
    selectAll.addEventListener('change', function () {
      rows.forEach(function (row) { row.querySelector('input[type=checkbox]').checked = selectAll.checked; });
    });
  }

  var tickAll = document.getElementById('tick-all');
  if (tickAll) {
    tickAll.addEventListener('change', function () {
      document.querySelectorAll('input[type=checkbox][name=id]').forEach(function (box) {
        box.checked = tickAll.checked;
      });
    });
  }

  document.querySelectorAll('tr[data-href]').forEach(function (row) {
    row.addEventListener('click', function (event) {
      if (event.target.closest('a, input, button, label')) { return; }
      window.location.href = row.getAttribute('data-href');
    });
  });

  document.addEventListener('keydown', function (event) {
    var help = document.getElementById('shortcuts');
    if (event.key === 'Escape') {
      if (help) { help.hidden = true; }
      if (typing(event.target)) { event.target.blur(); }
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (pendingG) {
      pendingG = false;
      if (event.key === 'q') { window.location.href = '/queue'; }
      if (event.key === 'c') { window.location.href = '/contacts'; }
      return;
    }
    switch (event.key) {
      case '?': if (help) { help.hidden = !help.hidden; } break;
      case 'g': pendingG = true; break;
      case 'j': if (rows.length) { current = Math.min(rows.length - 1, current + 1); mark(); } break;
      case 'k': if (rows.length) { current = Math.max(0, current - 1); mark(); } break;
      case 'x':
        if (current >= 0) {
          var box = rows[current].querySelector('input[type=checkbox]');
          box.checked = !box.checked;
        }
        break;
      case 'o':
      case 'Enter':
        if (current >= 0) { window.location.href = rows[current].getAttribute('data-href'); }
        break;
      case 'A':
        if (!click('approve') && rows.length) {
          var anyChecked = rows.some(function (row) { return row.querySelector('input[type=checkbox]').checked; });
          if (!anyChecked && current >= 0) { rows[current].querySelector('input[type=checkbox]').checked = true; }
          click('approve-selected');
        }
        break;
      case 'r': if (focus('reason')) { event.preventDefault(); } break;
      case 'e': if (focus('edit-text')) { event.preventDefault(); } break;
      case 's': if (focus('snooze-for')) { event.preventDefault(); } break;
      default: return;
    }
  });

  mark();
}());
