// Operations dashboard: every 2 s reads the agencies' state, the e-service statistics, the profiles handed out,
// the audit volume, the life events received (per agency and kind, lag, failures) and the assistance module's
// re-evaluations with their outcomes (counts only, no personal data). Plain SVG: the hub has no outside network at run time.
const refreshMs = 2000;
const colours = ['#1a73e8', '#e37400', '#188038', '#a142f4', '#d93025', '#007b83', '#b06000', '#5f6368'];
const ns = 'http://www.w3.org/2000/svg';

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows.map(cells => { const tr = document.createElement('tr'); tr.append(...cells); return tr; }));
}

function percent(x) { return x == null ? '–' : (x * 100).toFixed(1) + ' %'; }
function ms(x) { return x == null ? '–' : x.toFixed(0); }
function signed(x) { return x == null ? '–' : (x > 0 ? '+' : '') + x.toFixed(1) + ' %'; }
function share(x) { return x == null ? '–' : x.toFixed(1) + ' %'; }
function number(x) { return x.toLocaleString('en-US'); }

function svg(name, attributes, text) {
  const element = document.createElementNS(ns, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text != null) element.textContent = text;
  return element;
}

// A round step for the value axis: 1, 2 or 5 times a power of ten, about five ticks up to the highest month.
function step(max) {
  const raw = Math.max(1, max) / 5, power = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map(m => m * power).find(s => s >= raw);
}

// The months as stacked bars: one colour per e-service (the legend), the value axis on the left, the months
// below; hovering a segment shows the e-service, the month, its uses, share and growth.
function chart(element, legend, report) {
  const services = report.months.length ? report.months[0].eServices.map(s => ({ key: s.key, name: s.nameEn })) : [];
  const used = services.filter(s => report.months.some(m => m.eServices.find(e => e.key === s.key).uses > 0));
  const width = 760, height = 300, left = 56, right = 8, top = 12, bottom = 40;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const tick = step(Math.max(0, ...report.months.map(m => m.total)));
  const top_ = Math.max(tick, Math.ceil(Math.max(1, ...report.months.map(m => m.total)) / tick) * tick);
  const y = v => top + plotHeight - v / top_ * plotHeight;
  const slot = plotWidth / Math.max(1, report.months.length), bar = Math.min(48, slot * 0.7);
  const parts = [];
  for (let v = 0; v <= top_; v += tick) {
    parts.push(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: v === 0 ? '#1d2433' : '#e3e7ee' }));
    parts.push(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, number(v)));
  }
  parts.push(svg('text', { x: 12, y: top + plotHeight / 2, transform: `rotate(-90 12 ${top + plotHeight / 2})`, 'text-anchor': 'middle', class: 'axis-title' }, 'uses'));
  report.months.forEach((month, m) => {
    const x = left + m * slot + (slot - bar) / 2;
    let base = 0;
    used.forEach(service => {
      const uses = month.eServices.find(e => e.key === service.key);
      if (!uses.uses) return;
      const rect = svg('rect', {
        x, y: y(base + uses.uses), width: bar, height: Math.max(1, y(base) - y(base + uses.uses)),
        fill: colours[services.indexOf(service) % colours.length], 'data-eservice': service.key, 'data-month': month.month, 'data-uses': uses.uses,
      });
      rect.append(svg('title', {}, `${service.name}, ${month.month}: ${number(uses.uses)} uses, ${share(uses.sharePercent)} of the month, ${signed(uses.growthPercent)} on the month before`));
      parts.push(rect);
      base += uses.uses;
    });
    const label = svg('text', { x: x + bar / 2, y: top + plotHeight + 16, 'text-anchor': 'middle', class: 'axis' }, month.month);
    const total = svg('text', { x: x + bar / 2, y: y(month.total) - 4, 'text-anchor': 'middle', class: 'total' }, month.total ? number(month.total) : '');
    parts.push(label, total);
  });
  parts.push(svg('text', { x: left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis-title' }, 'month (Baku time)'));
  element.replaceChildren(...parts);
  legend.replaceChildren(...services.map((service, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colours[i % colours.length];
    item.append(swatch, document.createTextNode(service.name));
    item.dataset.eservice = service.key;
    return item;
  }));
}

function usageRows(report) {
  // Newest month first, as the ministry reads it: the month's total and growth, then each e-service used.
  return [...report.months].reverse().flatMap(month => [
    [cell(month.month, 'month'), cell('all e-services', 'month'), cell(number(month.total), 'num month'), cell(signed(month.growthPercent), 'num month'), cell(month.total ? '100.0 %' : '–', 'num month')],
    ...month.eServices.filter(s => s.uses > 0).map(s => [cell(''), cell(s.nameEn), cell(number(s.uses), 'num'), cell(signed(s.growthPercent), 'num'), cell(share(s.sharePercent), 'num')]),
  ]);
}

const inboxStates = ['received', 'processed', 'failed'];
const reEvaluationStates = ['pending', 'changed', 'unchanged', 'referred', 'skipped'];

// One row per agency and kind of event, a column per inbox state; the failures (dead letters) and refusals as figures.
function lifeEvents(state) {
  const rows = new Map();
  for (const e of state.events) {
    const key = e.agency + '\u0000' + e.kind;
    if (!rows.has(key)) rows.set(key, { agency: e.agency, kind: e.kind, counts: {} });
    rows.get(key).counts[e.state] = (rows.get(key).counts[e.state] || 0) + e.count;
  }
  const sorted = [...rows.values()].sort((a, b) => a.agency.localeCompare(b.agency) || a.kind.localeCompare(b.kind));
  fill(document.querySelector('#life-events tbody'), sorted.map(r => {
    const cells = [cell(r.agency), cell(r.kind)];
    cells.push(...inboxStates.map(s => cell(number(r.counts[s] || 0), 'num' + (s === 'failed' && r.counts[s] ? ' failed' : ''))));
    cells.push(cell(number(Object.values(r.counts).reduce((n, c) => n + c, 0)), 'num'));
    return cells;
  }));
  document.getElementById('life-failed').textContent = number(state.events.filter(e => e.state === 'failed').reduce((n, e) => n + e.count, 0));
  document.getElementById('life-refused').textContent = number(state.refused.reduce((n, r) => n + r.count, 0));
  document.getElementById('life-lag').textContent = state.lag ? [state.lag.p50, state.lag.p95, state.lag.max].map(x => x.toFixed(1)).join(' / ') : '–';
}

// One row per trigger (a kind of change, or the reconciliation), a column per outcome; absent when no assistance module runs here.
function reEvaluations(statistics) {
  const note = document.getElementById('re-evaluations-note');
  if (!statistics) {
    note.textContent = 'no assistance module on this instance';
    fill(document.querySelector('#re-evaluations tbody'), []);
    return;
  }
  note.textContent = '';
  const byTrigger = new Map();
  for (const r of statistics.reEvaluations) {
    if (!byTrigger.has(r.trigger)) byTrigger.set(r.trigger, {});
    byTrigger.get(r.trigger)[r.state] = r.count;
  }
  fill(document.querySelector('#re-evaluations tbody'), [...byTrigger.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([trigger, counts]) =>
    [cell(trigger), ...reEvaluationStates.map(s => cell(number(counts[s] || 0), 'num'))]));
}

async function json(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return response.json();
}

async function refresh() {
  try {
    const [state, report, profiles, audit, life, assistance] = await Promise.all([
      json('/api/v1/agencies/state'),
      json('/api/v1/operations/statistics/e-services'),
      json('/api/v1/operations/statistics/profiles'),
      json('/api/v1/operations/audit-volume').catch(() => null),
      json('/api/v1/life-events/state').catch(() => null),
      json('/api/v1/assistance/life-events/statistics').catch(() => null),
    ]);
    if (life) lifeEvents(life);
    reEvaluations(assistance);
    fill(document.querySelector('#agencies tbody'), state.agencies.map(a => [
      cell(a.agency), cell(a.dataSet), cell(a.breaker.state, 'breaker-' + a.breaker.state), cell(percent(a.successRate), 'num'),
      cell(ms(a.latencyMs?.p50), 'num'), cell(ms(a.latencyMs?.p99), 'num'), cell(percent(a.cache.hitRatio), 'num'), cell(a.calls, 'num')]));
    chart(document.getElementById('usage-chart'), document.getElementById('usage-legend'), report);
    fill(document.querySelector('#usage tbody'), usageRows(report));
    // This month on the hub's clock (the report's last month), not the browser's.
    document.getElementById('profiles-total').textContent = profiles.filter(p => p.month === report.to).reduce((n, p) => n + p.profiles, 0);
    document.getElementById('audit-records').textContent = audit ? audit.records : '–';
    document.getElementById('status').textContent = 'updated ' + new Date(state.at).toLocaleTimeString();
    document.body.dataset.refreshed = state.at;
  } catch (e) {
    document.getElementById('status').textContent = 'cannot reach the hub: ' + e.message;
  }
}

refresh();
setInterval(refresh, refreshMs);
