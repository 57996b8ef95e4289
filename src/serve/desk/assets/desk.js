// The desk of `broadsheet serve`: plain JavaScript, no build step.
// Everything shown is set with textContent (never innerHTML).
'use strict';

const TOKEN = document.querySelector('meta[name="desk-token"]').content;
const $ = (sel) => document.querySelector(sel);

/** An element with attributes (`on*` ones become listeners) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v != null) el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

async function api(method, path, body) {
  const init = { method, headers: { 'X-Desk-Token': TOKEN } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/_desk/api/' + path, init);
  let data = {};
  try { data = await res.json(); } catch { /* not JSON: keep the status */ }
  return { status: res.status, data };
}

function status(text) { $('#status').textContent = text; }

/** Shows why a save failed; on a conflict, offers to load the file's new version. */
function showProblems(box, reply, reload) {
  box.classList.remove('ok');
  const lines = [reply.data.error || `error ${reply.status}`];
  if (reply.data.problems) lines.push(...reply.data.problems);
  box.textContent = lines.join('\n');
  if (reply.status === 409 && reload) {
    box.append(h('p', {}, h('button', { type: 'button', onclick: reload }, 'Load the version on disk (drops your changes)')));
  }
}

function showSaved(box, text) {
  box.classList.add('ok');
  box.textContent = text;
}

// ---- the story queue ------------------------------------------------------

const state = { stories: [], bySlug: new Map(), selected: null, edition: null, story: null };

async function loadQueue() {
  const params = new URLSearchParams(new FormData($('#filters')));
  for (const [k, v] of [...params]) if (!v) params.delete(k);
  const reply = await api('GET', 'stories?' + params);
  if (reply.status !== 200) return status(reply.data.error || 'The queue could not be loaded.');
  state.stories = reply.data.stories;
  state.bySlug = new Map(state.stories.map((s) => [s.slug, s]));
  $('#count').textContent = `(${state.stories.length} of ${reply.data.total})`;
  fillOptions($('#all-tags'), reply.data.tags, 'option');
  const source = $('#filters [name=source]');
  const chosen = source.value;
  source.replaceChildren(h('option', { value: '' }, 'Any'), ...reply.data.sources.map((s) => h('option', { value: s }, s)));
  source.value = chosen;
  renderQueue();
  renderEdition();
}

function fillOptions(list, values) {
  list.replaceChildren(...values.map((v) => h('option', { value: v })));
}

function renderQueue() {
  const list = $('#stories');
  const items = state.stories.map((s) => {
    const badges = [];
    for (const d of s.editions) badges.push(h('span', { class: 'badge in' }, `in ${d}`));
    if (inEdition(s.slug)) badges.push(h('span', { class: 'badge in' }, 'picked'));
    if (s.duplicate_of) badges.push(h('span', { class: 'badge dup' }, `duplicate of ${s.duplicate_of}`));
    if (s.duplicates) badges.push(h('span', { class: 'badge' }, `${s.duplicates} duplicate${s.duplicates > 1 ? 's' : ''}`));
    if (s.featured) badges.push(h('span', { class: 'badge' }, '★ featured'));
    return h('li', {
      id: 'story-' + s.slug, 'data-slug': s.slug, tabindex: '-1',
      'aria-current': state.selected === s.slug ? 'true' : false,
      onclick: () => select(s.slug, true),
      onkeydown: (e) => queueKey(e, s.slug),
    },
    h('div', { class: 'row' },
      h('span', { class: 'title' }, s.title),
      h('button', { type: 'button', class: 'small add', onclick: (e) => { e.stopPropagation(); pick(s.slug); } },
        inEdition(s.slug) ? 'Remove' : 'Add')),
    h('p', { class: 'meta' }, [s.source || 'no source', s.date, s.tags.join(', ')].filter(Boolean).join(' · ')),
    s.summary ? h('p', { class: 'summary' }, s.summary) : null,
    badges.length ? h('p', {}, badges) : null);
  });
  list.replaceChildren(...items);
  const current = state.selected && document.getElementById('story-' + state.selected);
  (current || list.firstElementChild)?.setAttribute('tabindex', '0');
}

function queueKey(e, slug) {
  const li = e.currentTarget;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
    if (next) focusStory(next);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    select(slug, true);
  } else if (e.key === 'a' || e.key === 'A') {
    e.preventDefault();
    pick(slug);
    document.getElementById('story-' + slug)?.focus();
  }
}

function focusStory(li) {
  for (const other of $('#stories').children) other.setAttribute('tabindex', '-1');
  li.setAttribute('tabindex', '0');
  li.focus();
}

// ---- the edition editor -----------------------------------------------------

function inEdition(slug) {
  return !!state.edition && state.edition.sections.some((s) => s.articles.includes(slug));
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function loadEdition(date) {
  const reply = await api('GET', 'editions/' + date);
  const box = $('#edition-problems');
  box.textContent = '';
  if (reply.status !== 200) return showProblems(box, reply);
  state.edition = reply.data;
  const form = $('#edition');
  form.date.value = date;
  form.title.value = reply.data.title;
  form.intro.value = reply.data.intro;
  renderEdition();
  renderQueue();
  status(reply.data.exists ? `Loaded ${reply.data.file}` : `New edition: ${reply.data.file}`);
}

function pick(slug) {
  if (!state.edition) return;
  if (inEdition(slug)) {
    for (const s of state.edition.sections) s.articles = s.articles.filter((a) => a !== slug);
  } else {
    state.edition.sections[state.edition.sections.length - 1].articles.push(slug);
  }
  renderEdition();
  renderQueue();
}

/** Moves a story one place up or down, across sections too. */
function move(slug, by) {
  const flat = [];
  state.edition.sections.forEach((s, i) => s.articles.forEach((a) => flat.push([i, a])));
  const at = flat.findIndex(([, a]) => a === slug);
  const [section] = flat[at];
  const list = state.edition.sections[section].articles;
  const j = list.indexOf(slug);
  if (j + by >= 0 && j + by < list.length) {
    list.splice(j, 1);
    list.splice(j + by, 0, slug);
  } else if (state.edition.sections[section + by]) {
    list.splice(j, 1);
    const other = state.edition.sections[section + by].articles;
    if (by < 0) other.push(slug); else other.unshift(slug);
  } else {
    return;
  }
  renderEdition();
  document.querySelector(`#sections li[data-slug="${CSS.escape(slug)}"]`)?.focus();
  status(`Moved ${titleOf(slug)}.`);
}

function titleOf(slug) {
  return state.bySlug.get(slug)?.title || slug;
}

let dragged = null;

function renderEdition() {
  const box = $('#sections');
  if (!state.edition) return box.replaceChildren();
  const many = state.edition.sections.length > 1;
  box.replaceChildren(...state.edition.sections.map((section, i) => {
    const list = h('ol', { class: 'picks', 'aria-label': section.name || `Section ${i + 1}` },
      section.articles.map((slug) => {
        const story = state.bySlug.get(slug);
        return h('li', {
          'data-slug': slug, tabindex: '0', draggable: 'true',
          class: story && story.featured ? 'featured' : null,
          'aria-label': `${titleOf(slug)}${story && story.featured ? ', featured' : ''}`,
          onkeydown: (e) => {
            if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
              e.preventDefault();
              move(slug, e.key === 'ArrowUp' ? -1 : 1);
            } else if (e.key === 'Delete') {
              pick(slug);
            }
          },
          ondragstart: (e) => { dragged = slug; e.dataTransfer.setData('text/plain', slug); e.currentTarget.classList.add('dragging'); },
          ondragend: (e) => e.currentTarget.classList.remove('dragging'),
          ondragover: (e) => e.preventDefault(),
          ondrop: (e) => { e.preventDefault(); e.stopPropagation(); dropOn(i, slug); },
        },
        h('span', { class: 'name' }, titleOf(slug)),
        h('button', { type: 'button', class: 'small', 'aria-label': `Move ${titleOf(slug)} up`, onclick: () => move(slug, -1) }, '↑'),
        h('button', { type: 'button', class: 'small', 'aria-label': `Move ${titleOf(slug)} down`, onclick: () => move(slug, 1) }, '↓'),
        h('button', { type: 'button', class: 'small', 'aria-pressed': String(!!(story && story.featured)), 'aria-label': `Feature ${titleOf(slug)}`, onclick: () => toggleFeatured(slug) }, '★'),
        h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${titleOf(slug)}`, onclick: () => pick(slug) }, '✕'));
      }));
    list.addEventListener('dragover', (e) => e.preventDefault());
    list.addEventListener('drop', (e) => { e.preventDefault(); dropOn(i, null); });
    const name = h('input', {
      value: section.name, placeholder: many ? 'Section name (required)' : 'Section name (optional)',
      oninput: (e) => { section.name = e.target.value; },
    });
    const remove = many ? h('button', { type: 'button', class: 'small', onclick: () => removeSection(i) }, 'Remove section') : null;
    return h('div', { class: 'section' }, h('div', { class: 'row' }, h('label', {}, `Section ${i + 1}`, name), remove), list);
  }));
}

/** Drops the dragged story before `before` in section `i` (at the end when null). */
function dropOn(i, before) {
  if (!dragged || dragged === before) return;
  for (const s of state.edition.sections) s.articles = s.articles.filter((a) => a !== dragged);
  const list = state.edition.sections[i].articles;
  const at = before ? list.indexOf(before) : -1;
  if (at < 0) list.push(dragged); else list.splice(at, 0, dragged);
  dragged = null;
  renderEdition();
}

function removeSection(i) {
  const [gone] = state.edition.sections.splice(i, 1);
  state.edition.sections[Math.max(0, i - 1)].articles.push(...gone.articles);
  renderEdition();
}

async function saveEdition(e) {
  e.preventDefault();
  const form = $('#edition');
  const box = $('#edition-problems');
  const date = form.date.value;
  const body = {
    sha256: state.edition.sha256, title: form.title.value, intro: form.intro.value,
    sections: state.edition.sections.map((s) => ({ name: s.name, articles: s.articles })),
  };
  const reply = await api('PUT', 'editions/' + date, body);
  if (reply.status !== 200) {
    showProblems(box, reply, () => loadEdition(date));
    status(reply.status === 409 ? 'Conflict: the edition changed on disk.' : 'Not saved.');
    return;
  }
  state.edition.sha256 = reply.data.sha256;
  state.edition.exists = true;
  showSaved(box, reply.data.changed ? `Saved ${state.edition.file}.` : 'No changes to save.');
  status(`Saved ${state.edition.file}`);
}

async function toggleFeatured(slug) {
  const story = await api('GET', 'stories/' + encodeURIComponent(slug));
  if (story.status !== 200) return status(story.data.error);
  const reply = await api('PUT', 'stories/' + encodeURIComponent(slug), { ...story.data, featured: !story.data.featured });
  if (reply.status !== 200) return showProblems($('#edition-problems'), reply);
  status(`${titleOf(slug)}: ${story.data.featured ? 'no longer featured' : 'featured'}`);
  const known = state.bySlug.get(slug);
  if (known) known.featured = !story.data.featured;
  renderEdition();
  if (state.story && state.story.slug === slug) select(slug, false);
}

// ---- the story editor -------------------------------------------------------

async function select(slug, focus) {
  state.selected = slug;
  for (const li of $('#stories').children) {
    if (li.dataset.slug === slug) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
  }
  const reply = await api('GET', 'stories/' + encodeURIComponent(slug));
  if (reply.status !== 200) return status(reply.data.error);
  state.story = reply.data;
  const form = $('#story');
  $('#story-empty').hidden = true;
  form.hidden = false;
  form.title.value = reply.data.title;
  form.summary.value = reply.data.summary;
  form.featured.checked = reply.data.featured;
  form.draft.checked = reply.data.draft;
  form.duplicate_of.value = reply.data.duplicate_of;
  $('#story-link').textContent = 'Preview';
  $('#story-link').href = reply.data.url;
  $('#story-file').textContent = reply.data.file;
  $('#story-problems').textContent = '';
  fillOptions($('#candidates'), reply.data.candidates.map((c) => c.slug));
  $('#candidate-list').replaceChildren(...reply.data.candidates.map((c) =>
    h('li', {}, h('button', { type: 'button', class: 'small', onclick: () => { form.duplicate_of.value = c.slug; } },
      `${c.title} (${c.source || 'no source'}, ${c.date})`))));
  $('#candidates-none').hidden = reply.data.candidates.length > 0;
  renderTags();
  if (focus) form.title.focus();
}

function renderTags() {
  $('#tags').replaceChildren(...state.story.tags.map((tag, i) =>
    h('li', {}, tag, h('button', {
      type: 'button', 'aria-label': `Remove tag ${tag}`,
      onclick: () => { state.story.tags.splice(i, 1); renderTags(); $('#new-tag').focus(); },
    }, '✕'))));
}

function addTag() {
  const input = $('#new-tag');
  const tag = input.value.trim().replace(/,$/, '').trim();
  if (tag && !state.story.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) state.story.tags.push(tag);
  input.value = '';
  renderTags();
}

async function saveStory(e) {
  e.preventDefault();
  if ($('#new-tag').value.trim()) addTag();
  const form = $('#story');
  const box = $('#story-problems');
  const body = {
    sha256: state.story.sha256, title: form.title.value, summary: form.summary.value,
    tags: state.story.tags, featured: form.featured.checked, draft: form.draft.checked,
    duplicate_of: form.duplicate_of.value.trim(),
  };
  const slug = state.story.slug;
  const reply = await api('PUT', 'stories/' + encodeURIComponent(slug), body);
  if (reply.status !== 200) {
    showProblems(box, reply, () => select(slug, true));
    status(reply.status === 409 ? 'Conflict: the story changed on disk.' : 'Not saved.');
    return;
  }
  state.story.sha256 = reply.data.sha256;
  showSaved(box, reply.data.changed ? `Saved ${state.story.file}.` : 'No changes to save.');
  status(`Saved ${state.story.file}`);
}

// ---- wiring -----------------------------------------------------------------

let timer = null;
$('#filters').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(loadQueue, 150); });
$('#filters').addEventListener('submit', (e) => { e.preventDefault(); loadQueue(); });
$('#edition').addEventListener('submit', saveEdition);
$('#edition [name=date]').addEventListener('change', (e) => { if (e.target.value) loadEdition(e.target.value); });
$('#add-section').addEventListener('click', () => { state.edition.sections.push({ name: '', articles: [] }); renderEdition(); });
$('#story').addEventListener('submit', saveStory);
$('#new-tag').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ',') { e.preventDefault(); addTag(); }
});
$('#new-tag').addEventListener('change', addTag);

// Every rebuild (a save here, or an edit elsewhere) refreshes the queue.
const events = new EventSource('/__broadsheet/events');
events.addEventListener('reload', () => loadQueue());

loadQueue().then(() => loadEdition(today()));
