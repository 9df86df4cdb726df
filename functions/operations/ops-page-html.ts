/**
 * The ops page (GET /api/ops/ui): plain HTML and a small script, no framework. The key is typed in once, kept in
 * sessionStorage (gone when the tab closes) and sent as `x-api-key` to the ops API; every value is inserted with
 * textContent, so nothing from the API is ever interpreted as markup.
 */
const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center}
header h1{font-size:17px;margin:0;flex:1}
main{padding:16px 20px;display:grid;gap:16px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px 16px}
h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#566}
.num{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#b3261e;font-weight:600}.ok{color:#1b7f3b}
button{cursor:pointer;border:1px solid #99a;background:#fff;border-radius:4px;padding:2px 10px}
button:hover{background:#eef}
#status{font-size:12px;color:#cfd}
.muted{color:#778;font-size:12px}
`;

const SCRIPT = `
(function () {
  var KEY = 'm3sync.opsKey';
  var $ = function (id) { return document.getElementById(id); };
  function key() { return sessionStorage.getItem(KEY) || ''; }
  function status(text) { $('status').textContent = text; }
  async function api(method, path, body) {
    var res = await fetch('/api/ops/' + path, { method: method, headers: { 'x-api-key': key(), 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    var data = await res.json().catch(function () { return {}; });
    if (res.status === 401 || res.status === 403) { sessionStorage.removeItem(KEY); showLogin(); throw new Error(res.status === 403 ? 'that is the intake key: the ops page needs the operations key (OPS_API_KEY)' : 'the key was refused'); }
    if (!res.ok) throw new Error(data.message || ('HTTP ' + res.status));
    return data;
  }
  function cell(tr, text, cls) { var td = document.createElement('td'); td.textContent = text == null ? '' : String(text); if (cls) td.className = cls; tr.appendChild(td); return td; }
  function button(td, label, cls, onClick) {
    var b = document.createElement('button'); b.textContent = label; b.className = cls;
    b.addEventListener('click', async function () { b.disabled = true; try { await onClick(); status(label + ': done'); } catch (e) { status(label + ' failed: ' + e.message); } await refresh(); });
    td.appendChild(b);
  }
  function fill(id, rows, render) { var body = $(id); body.textContent = ''; rows.forEach(function (r) { var tr = document.createElement('tr'); render(tr, r); body.appendChild(tr); }); }
  function chart(hourly) {
    var svg = $('chart'); var ns = 'http://www.w3.org/2000/svg'; svg.textContent = '';
    var max = Math.max.apply(null, hourly.concat([1])); var w = 24, h = 120;
    hourly.forEach(function (v, i) {
      var r = document.createElementNS(ns, 'rect'); var bh = Math.round((v / max) * (h - 20));
      r.setAttribute('x', String(i * w + 2)); r.setAttribute('y', String(h - 14 - bh)); r.setAttribute('width', String(w - 4)); r.setAttribute('height', String(bh)); r.setAttribute('fill', '#3b6fd8');
      var t = document.createElementNS(ns, 'title'); t.textContent = String(i).padStart(2, '0') + ':00 UTC: ' + v; r.appendChild(t); svg.appendChild(r);
      if (i % 3 === 0) { var l = document.createElementNS(ns, 'text'); l.setAttribute('x', String(i * w + 2)); l.setAttribute('y', String(h - 2)); l.setAttribute('font-size', '10'); l.textContent = String(i).padStart(2, '0'); svg.appendChild(l); }
    });
  }
  async function refresh() {
    try {
      var s = (await api('GET', 'summary')).summary;
      $('day').textContent = s.day;
      fill('flows', s.flows, function (tr, f) {
        cell(tr, f.flow); cell(tr, f.successes, 'num'); cell(tr, f.failures, 'num' + (f.failures ? ' bad' : '')); cell(tr, f.parked, 'num');
        cell(tr, f.paused ? 'paused' : 'running', f.paused ? 'bad' : 'ok'); cell(tr, f.dryRun ? 'dry run' : '');
      });
      var lc = s.lifecycle || {};
      fill('lifecycle', [
        ['buyer cancellations honored (M3 stopped, Amazon told)', lc.buyerCanceled], ['buyer cancellations too late (parked)', lc.cancelTooLate],
        ['M3 lines closed (Amazon canceled the item)', lc.amazonCanceledLines], ['orders canceled in M3, canceled on Amazon', lc.m3Canceled],
        ['lines canceled in M3 while the rest ships (parked)', lc.partialCancelParked], ['shipments reported by Amazon’s own flow (not sent)', lc.reportedByAmazon],
      ], function (tr, r) { cell(tr, r[0]); cell(tr, r[1] || 0, 'num'); });
      fill('cursors', s.cursors, function (tr, c) { cell(tr, c.name); cell(tr, c.value || 'never'); cell(tr, c.updatedAt || ''); });
      chart(s.hourly);
      var failed = await api('GET', 'instances?status=Failed&top=100');
      $('failed-count').textContent = String(failed.total);
      fill('failed', failed.instances, function (tr, i) {
        tr.setAttribute('data-instance-id', i.instanceId);
        cell(tr, i.process); cell(tr, i.instanceId); cell(tr, i.sourceRef); cell(tr, i.lastUpdatedTime); cell(tr, i.lastError, 'bad');
        var td = cell(tr, '');
        button(td, 'Rewind', 'rewind', function () { return api('POST', 'instances/' + encodeURIComponent(i.instanceId) + '/rewind', { reason: 'rewound from the ops page' }); });
      });
      var retrying = await api('GET', 'instances?status=Running&outcome=retrying&top=100');
      $('retrying-count').textContent = String(retrying.total);
      fill('retrying', retrying.instances, function (tr, i) {
        var st = i.customStatus || {};
        cell(tr, i.process); cell(tr, i.instanceId); cell(tr, i.sourceRef); cell(tr, st.activity || ''); cell(tr, st.round, 'num'); cell(tr, st.retryAt || ''); cell(tr, st.message || '', 'bad');
      });
      var parked = await api('GET', 'parked?status=parked');
      $('parked-count').textContent = String(parked.total);
      fill('parked', parked.items, function (tr, p) {
        tr.setAttribute('data-parked-id', p.id);
        cell(tr, p.flow); cell(tr, p.id); cell(tr, p.reason, 'bad'); cell(tr, p.message); cell(tr, p.sourceRef); cell(tr, p.firstSeen); cell(tr, p.lastSeen); cell(tr, p.attempts, 'num');
        var td = cell(tr, '');
        button(td, 'Re-drive', 'redrive', function () { return api('POST', 'parked/' + encodeURIComponent(p.flow) + '/' + encodeURIComponent(p.id) + '/redrive'); });
      });
      status('updated ' + new Date().toLocaleTimeString());
    } catch (e) { status('refresh failed: ' + e.message); }
  }
  function showLogin() { $('login').hidden = false; $('app').hidden = true; }
  function showApp() { $('login').hidden = true; $('app').hidden = false; refresh(); }
  $('login-form').addEventListener('submit', function (ev) { ev.preventDefault(); sessionStorage.setItem(KEY, $('key').value); $('key').value = ''; showApp(); });
  $('refresh').addEventListener('click', refresh);
  if (key()) showApp(); else showLogin();
  setInterval(function () { if (key()) refresh(); }, 30000);
})();
`;

const BODY = `
<header><h1>M3 ⇄ Amazon Sync — operations</h1><span id="status"></span><button id="refresh" type="button">Refresh</button></header>
<main>
<section id="login" hidden><h2>Operations key</h2>
<form id="login-form"><input id="key" type="password" autocomplete="off" placeholder="operations key (OPS_API_KEY)" size="40" required> <button type="submit">Open</button></form>
<p class="muted">Kept in this tab only (sessionStorage).</p></section>
<div id="app" hidden>
<section><h2>Today (<span id="day"></span>, UTC)</h2>
<table><thead><tr><th>flow</th><th class="num">done</th><th class="num">failed</th><th class="num">parked</th><th>switch</th><th>mode</th></tr></thead><tbody id="flows"></tbody></table></section>
<section><h2>Cancellations and Amazon-reported shipments today</h2>
<table><thead><tr><th>what</th><th class="num">count</th></tr></thead><tbody id="lifecycle"></tbody></table></section>
<section><h2>Processed per hour</h2><svg id="chart" width="576" height="120" role="img" aria-label="processed per hour"></svg></section>
<section><h2>Sweep cursors</h2><table><thead><tr><th>cursor</th><th>reached</th><th>moved at</th></tr></thead><tbody id="cursors"></tbody></table></section>
<section><h2>Failed instances (<span id="failed-count">0</span>)</h2>
<table><thead><tr><th>process</th><th>instance</th><th>source</th><th>last update</th><th>last error</th><th></th></tr></thead><tbody id="failed"></tbody></table></section>
<section><h2>Waiting out an outage (<span id="retrying-count">0</span>)</h2>
<p class="muted">Retries exhausted for now; each tries again by itself at the time shown, for OUTAGE_RETRY_ROUNDS rounds (about a day by default), before it fails.</p>
<table><thead><tr><th>process</th><th>instance</th><th>source</th><th>step</th><th class="num">round</th><th>next try</th><th>last error</th></tr></thead><tbody id="retrying"></tbody></table></section>
<section><h2>Parked (<span id="parked-count">0</span>)</h2>
<table><thead><tr><th>flow</th><th>id</th><th>reason</th><th>message</th><th>source</th><th>first seen</th><th>last seen</th><th class="num">attempts</th><th></th></tr></thead><tbody id="parked"></tbody></table></section>
</div>
</main>`;

export function opsPageHtml(nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>M3 ⇄ Amazon Sync — operations</title><style nonce="${nonce}">${STYLE}</style></head><body>${BODY}<script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

export function opsPageSecurityPolicy(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
}
