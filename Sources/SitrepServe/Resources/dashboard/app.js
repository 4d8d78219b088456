// Entry point: the hash router (#/ the dashboard, #/event/ID an event page) and the token box.
import { $, token } from './dom.js';
import { initDashboard, refresh } from './dashboard.js';
import { showEvent } from './event.js';

let dashboardReady = false;

function route() {
  const m = location.hash.match(/^#\/event\/(.+)$/);
  const dash = $('#dashboard-view');
  const page = $('#event-view');
  if (m) {
    dash.hidden = true;
    page.hidden = false;
    window.scrollTo(0, 0);
    showEvent(page, decodeURIComponent(m[1]));
  } else {
    page.hidden = true;
    dash.hidden = false;
    document.title = 'Sitrep';
    if (!dashboardReady) {
      dashboardReady = true;
      initDashboard();
    }
    refresh(); // a review on an event page may have changed the list

  }
}

const box = $('#token');
box.value = token.get();
box.addEventListener('input', () => token.set(box.value.trim()));
window.addEventListener('hashchange', route);
route();
