// The 142 contact centre's live monitor: the supervisor's token (kept in this tab's sessionStorage, or given once as
// #token=… in the address) opens a stream of figures from the module's API (server-sent events read with fetch, so
// the token travels in the Authorization header, never in a URL the server logs). The stream ends by itself every
// few minutes (the token is checked again) and the page opens the next one.
'use strict';

const STREAM = '/api/v1/contact-centre/monitor/stream';
const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function token() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('token')) {
    sessionStorage.setItem('contact-centre-token', hash.get('token'));
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('contact-centre-token');
}

function department() {
  try {
    const payload = JSON.parse(atob(token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.department;
  } catch {
    return null;
  }
}

function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = 'status ' + (kind || '');
}

function wait(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return `${m}:${s}`;
}

function percent(value) {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)} %`;
}

function level(value) {
  if (value === null || value === undefined) return '';
  return value >= 80 ? 'good' : value >= 60 ? 'warn' : 'bad';
}

function cells(row) {
  return [
    ['waiting', row.waiting, ''],
    ['longest-wait', wait(row.longestWaitSeconds), ''],
    ['answered', row.answeredLastHour, ''],
    ['abandoned', row.abandonedLastHour, row.abandonedLastHour > 0 ? 'warn' : ''],
    ['within-target', percent(row.withinTargetPercent), level(row.withinTargetPercent)],
    ['overdue', row.followUpsOverdue, row.followUpsOverdue > 0 ? 'bad' : ''],
  ];
}

function rowOf(row, mine) {
  const tr = document.createElement('tr');
  tr.dataset.department = row.department;
  if (mine) tr.className = 'mine';
  const name = document.createElement('td');
  name.textContent = row.nameAz;
  const en = document.createElement('span');
  en.className = 'en';
  en.textContent = row.nameEn;
  name.appendChild(en);
  tr.appendChild(name);
  for (const [field, value, kind] of cells(row)) {
    const td = document.createElement('td');
    td.dataset.field = field;
    td.textContent = value;
    if (kind) td.className = kind;
    tr.appendChild(td);
  }
  return tr;
}

function render(figures) {
  const mine = department();
  $('departments').tBodies[0].replaceChildren(...figures.departments.map((d) => rowOf(d, d.department === mine)));
  $('departments').tFoot.replaceChildren(rowOf(figures.total, false));
  $('total-waiting').textContent = figures.total.waiting;
  $('total-longest').textContent = wait(figures.total.longestWaitSeconds);
  $('total-answered').textContent = figures.total.answeredLastHour;
  $('total-abandoned').textContent = figures.total.abandonedLastHour;
  $('total-within').textContent = percent(figures.total.withinTargetPercent);
  $('total-within').className = 'value ' + level(figures.total.withinTargetPercent);
  $('total-overdue').textContent = figures.total.followUpsOverdue;
  $('target').textContent = figures.targetSeconds;
  $('operators').textContent = figures.operatorsOnCalls;
  $('updated').textContent = new Date(figures.at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
}

function signIn(problem) {
  $('board').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-problem').textContent = problem || '';
}

async function watch() {
  let failures = 0;
  for (;;) {
    const bearer = token();
    if (!bearer) return signIn();
    try {
      const response = await fetch(STREAM, { headers: { Authorization: 'Bearer ' + bearer, Accept: 'text/event-stream' }, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        const problem = await response.json().catch(() => ({}));
        sessionStorage.removeItem('contact-centre-token');
        return signIn(`${problem.title || response.status}: ${problem.detail || ''}`);
      }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      $('sign-in').hidden = true;
      $('board').hidden = false;
      setStatus('canlı / live', 'live');
      failures = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (data) render(JSON.parse(data));
        }
      }
      setStatus('yenidən qoşulur / reconnecting');
    } catch (e) {
      failures++;
      setStatus('bağlantı yoxdur / offline', 'offline');
      await sleep(Math.min(30000, 1000 * 2 ** Math.min(failures, 5)));
    }
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('contact-centre-token', $('token-input').value.trim());
  $('token-input').value = '';
  watch();
});

watch();
