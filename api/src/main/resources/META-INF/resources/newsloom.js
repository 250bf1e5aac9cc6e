// The Newsloom reader: lists and searches articles through /api/v1/articles, opens one in the reader, and shows new
// articles from /api/v1/articles/stream as they arrive. Article text is always inserted as text, never as HTML.
'use strict';
const api = '/api/v1/articles';
const $ = (id) => document.getElementById(id);
let nextCursor = null;
let lastQuery = null;

function meta(a) {
  const when = a.publishedAt || a.fetchedAt;
  return [a.site, a.language, when ? new Date(when).toLocaleString() : null,
          a.duplicateOf ? 'duplicate of ' + a.duplicateOf : null].filter(Boolean).join(' · ');
}

function item(a) {
  const li = document.createElement('li');
  li.dataset.id = a.id;
  const link = document.createElement('a');
  link.textContent = a.title || a.url;
  link.addEventListener('click', () => openArticle(a.id));
  const info = document.createElement('div');
  info.className = 'meta';
  info.textContent = meta(a);
  const snippet = document.createElement('p');
  snippet.className = 'snippet';
  snippet.textContent = a.text || '';
  li.append(link, info, snippet);
  return li;
}

function queryParams() {
  const p = new URLSearchParams();
  const q = $('q').value.trim();
  const lang = $('lang').value.trim();
  if (q) p.set('q', q);
  if (lang) p.set('lang', lang);
  if ($('duplicates').checked) p.set('duplicates', 'include');
  return p;
}

async function load(append) {
  const p = append ? new URLSearchParams(lastQuery) : queryParams();
  if (!append) lastQuery = p.toString();
  if (append && nextCursor) p.set('cursor', nextCursor);
  $('status').textContent = 'Loading…';
  const response = await fetch(api + '?' + p.toString());
  const body = await response.json();
  if (!response.ok) {
    $('status').textContent = body.detail || body.title || ('error ' + response.status);
    return;
  }
  if (!append) $('results').replaceChildren();
  body.items.forEach((a) => $('results').append(item(a)));
  nextCursor = body.nextCursor;
  $('more').hidden = !nextCursor;
  $('list-title').textContent = p.get('q') ? 'Results for “' + p.get('q') + '”' : 'Newest';
  $('status').textContent = $('results').children.length ? '' : 'No articles found.';
}

async function openArticle(id) {
  const response = await fetch(api + '/' + encodeURIComponent(id));
  if (!response.ok) return;
  const a = await response.json();
  $('reader').hidden = false;
  $('reader').dataset.id = a.id;
  $('reader-title').textContent = a.title || a.url;
  $('reader-meta').textContent = meta(a) + (a.authors.length ? ' · ' + a.authors.join(', ') : '')
      + ' · version ' + a.version;
  $('reader-text').replaceChildren(...(a.text || '').split('\n').map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  }));
  $('reader-link').href = a.url;
}

function live() {
  // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed across a short drop.
  const source = new EventSource(api + '/stream');
  source.onopen = () => { $('live-state').textContent = 'connected'; };
  source.onerror = () => { $('live-state').textContent = 'reconnecting…'; };
  source.addEventListener('article', (e) => {
    const a = JSON.parse(e.data);
    const existing = $('live').querySelector('li[data-id="' + CSS.escape(a.id) + '"]');
    if (existing) existing.remove();
    $('live').prepend(item(a));
    while ($('live').children.length > 50) $('live').lastElementChild.remove();
  });
}

$('search').addEventListener('submit', (e) => { e.preventDefault(); load(false); });
$('more').addEventListener('click', () => load(true));
load(false);
live();
