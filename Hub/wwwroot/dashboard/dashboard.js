// Operations dashboard: every 2 s reads the agencies' state, the e-service statistics and the audit volume
// (counts only, no personal data).
const refreshMs = 2000;
const colours = ['#1a73e8', '#e37400', '#188038', '#a142f4', '#d93025'];

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

function chart(svg, usage) {
  const months = [...new Set(usage.map(u => u.month))].sort().slice(-6);
  const services = [...new Set(usage.map(u => u.eService))].sort();
  const max = Math.max(1, ...usage.map(u => u.uses));
  const width = 520, height = 200, groupWidth = width / Math.max(1, months.length), barWidth = (groupWidth - 12) / Math.max(1, services.length);
  const ns = 'http://www.w3.org/2000/svg';
  const parts = [];
  months.forEach((month, m) => {
    services.forEach((service, s) => {
      const row = usage.find(u => u.month === month && u.eService === service);
      if (!row) return;
      const h = Math.round(row.uses / max * (height - 20));
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', m * groupWidth + 6 + s * barWidth);
      rect.setAttribute('y', height - h);
      rect.setAttribute('width', Math.max(2, barWidth - 2));
      rect.setAttribute('height', h);
      rect.setAttribute('fill', colours[s % colours.length]);
      rect.setAttribute('data-eservice', service);
      rect.setAttribute('data-uses', row.uses);
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${service} ${month}: ${row.uses}`;
      rect.append(title);
      parts.push(rect);
    });
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', m * groupWidth + 6);
    label.setAttribute('y', height + 15);
    label.setAttribute('font-size', '11');
    label.textContent = month;
    parts.push(label);
  });
  svg.replaceChildren(...parts);
}

async function json(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return response.json();
}

async function refresh() {
  try {
    const [state, usage, audit] = await Promise.all([
      json('/api/v1/agencies/state'),
      json('/api/v1/operations/statistics/e-services'),
      json('/api/v1/operations/audit-volume').catch(() => null),
    ]);
    fill(document.querySelector('#agencies tbody'), state.agencies.map(a => [
      cell(a.agency), cell(a.dataSet), cell(a.breaker.state, 'breaker-' + a.breaker.state), cell(percent(a.successRate), 'num'),
      cell(ms(a.latencyMs?.p50), 'num'), cell(ms(a.latencyMs?.p99), 'num'), cell(percent(a.cache.hitRatio), 'num'), cell(a.calls, 'num')]));
    fill(document.querySelector('#usage tbody'), usage.map(u => [
      cell(u.eService), cell(u.month), cell(u.uses, 'num'), cell(u.growthPercent == null ? '–' : u.growthPercent + ' %', 'num')]));
    chart(document.getElementById('usage-chart'), usage);
    const month = new Date().toISOString().slice(0, 7);
    document.getElementById('profiles-total').textContent = usage.filter(u => u.month === month).reduce((n, u) => n + u.uses, 0);
    document.getElementById('audit-records').textContent = audit ? audit.records : '–';
    document.getElementById('status').textContent = 'updated ' + new Date(state.at).toLocaleTimeString();
    document.body.dataset.refreshed = state.at;
  } catch (e) {
    document.getElementById('status').textContent = 'cannot reach the hub: ' + e.message;
  }
}

refresh();
setInterval(refresh, refreshMs);
