// The proofreading page: checks the text with this server's /v2/check (LanguageTool's API),
// underlines the findings in place, lists them, applies a suggestion on a click, and "fix all
// safe" through /api/fix. Offsets from the server count UTF-16 code units, as JavaScript
// strings index, so they apply to the text area's value as they are.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const area = $('text');
  const backdrop = $('backdrop');
  const list = $('findings');
  const empty = $('empty');
  const count = $('count');
  const status = $('status');
  const popup = $('popup');

  /** The matches of the last check, and the text they belong to. */
  let matches = [];
  let checked = null;
  /** Each check gets a number; an answer to an older one is dropped. */
  let sequence = 0;
  let timer = null;
  const DELAY_MS = 600;

  const setStatus = (s) => { status.textContent = s; };

  function grow() {
    area.style.height = 'auto';
    area.style.height = area.scrollHeight + 'px';
  }

  async function post(path, params) {
    const res = await fetch(path, { method: 'POST', body: new URLSearchParams(params) });
    if (!res.ok) {
      throw new Error((await res.text()).replace(/^Error:\s*/, '').trim() || res.statusText);
    }
    return res.json();
  }

  async function check() {
    clearTimeout(timer);
    const text = area.value;
    const mine = ++sequence;
    if (!text.trim()) {
      show([], text);
      setStatus('');
      return;
    }
    setStatus('جارٍ التدقيق…');
    let answer;
    try {
      answer = await post('/v2/check', { text, language: 'ar' });
    } catch (e) {
      if (mine === sequence) setStatus('تعذّر التدقيق: ' + e.message);
      return;
    }
    if (mine !== sequence || area.value !== text) return;
    show(answer.matches, text);
    setStatus(answer.matches.length ? 'الملاحظات: ' + answer.matches.length : 'لا ملاحظات');
  }

  function show(found, text) {
    matches = found;
    checked = text;
    hidePopup();
    renderMarks();
    renderList();
  }

  /** The text again behind the text area, each finding in an underlined span. Overlapping
   *  findings get one underline (the first); the list shows them all. */
  function renderMarks() {
    const text = area.value;
    backdrop.textContent = '';
    let at = 0;
    if (text === checked) {
      matches.forEach((m, i) => {
        if (m.length === 0 || m.offset < at) return;
        backdrop.append(text.slice(at, m.offset));
        const span = document.createElement('span');
        span.className = 'mark ' + severity(m);
        span.dataset.i = i;
        span.textContent = text.slice(m.offset, m.offset + m.length);
        backdrop.append(span);
        at = m.offset + m.length;
      });
    }
    // A final line break keeps the last (empty) line's height, as the text area has it.
    backdrop.append(text.slice(at) + '\n');
  }

  const severity = (m) => (m.tadqiq && m.tadqiq.severity) || 'warning';
  const wordOf = (m) => checked.slice(m.offset, m.offset + m.length);

  function fixButtons(m, i) {
    const box = document.createElement('div');
    box.className = 'fixes';
    m.replacements.slice(0, 5).forEach((r) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'fix';
      b.dataset.i = i;
      b.textContent = r.value === '' ? '(احذف)' : r.value;
      b.title = 'استبدل «' + wordOf(m) + '» بـ«' + r.value + '»';
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        apply(i, r.value);
      });
      box.append(b);
    });
    return box;
  }

  function describe(m, i, el) {
    const head = document.createElement('div');
    head.className = 'head';
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = m.shortMessage || m.rule.description;
    const word = document.createElement('bdi');
    word.className = 'word';
    word.textContent = '«' + wordOf(m).trim().slice(0, 60) + '»';
    head.append(label, word);
    if (m.tadqiq && m.tadqiq.fix === 'safe' && m.replacements.length) {
      const safe = document.createElement('span');
      safe.className = 'safe';
      safe.textContent = 'إصلاح آمن';
      safe.title = 'يطبّقه «أصلح الآمن كله»';
      head.append(safe);
    }
    const msg = document.createElement('p');
    msg.className = 'msg';
    // tadqiq's messages are English sentences quoting the Arabic words.
    msg.dir = 'ltr';
    msg.textContent = m.message;
    el.append(head, msg, fixButtons(m, i));
  }

  function renderList() {
    list.textContent = '';
    matches.forEach((m, i) => {
      const li = document.createElement('li');
      li.className = 'finding ' + severity(m);
      li.dataset.i = i;
      describe(m, i, li);
      li.addEventListener('click', () => reveal(i));
      list.append(li);
    });
    count.textContent = matches.length ? '(' + matches.length + ')' : '';
    empty.hidden = matches.length > 0;
  }

  /** Select a finding's text and scroll to it. */
  function reveal(i) {
    if (area.value !== checked) return;
    const m = matches[i];
    area.focus({ preventScroll: true });
    area.setSelectionRange(m.offset, m.offset + m.length);
    const span = backdrop.querySelector('[data-i="' + i + '"]');
    if (span) span.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  /** Replace a finding's text by `value`, as an edit the user can undo. */
  function apply(i, value) {
    const m = matches[i];
    if (area.value !== checked || area.value.slice(m.offset, m.offset + m.length) !== wordOf(m)) {
      setStatus('تغيّر النص منذ آخر تدقيق؛ أُعيد التدقيق');
      check();
      return;
    }
    hidePopup();
    area.focus({ preventScroll: true });
    area.setSelectionRange(m.offset, m.offset + m.length);
    if (!document.execCommand('insertText', false, value)) {
      area.setRangeText(value, m.offset, m.offset + m.length, 'end');
    }
    grow();
    check();
  }

  async function fixSafe() {
    const text = area.value;
    if (!text.trim()) return;
    setStatus('جارٍ الإصلاح…');
    let answer;
    try {
      answer = await post('/api/fix', { text });
    } catch (e) {
      setStatus('تعذّر الإصلاح: ' + e.message);
      return;
    }
    if (area.value !== text) {
      setStatus('تغيّر النص أثناء الإصلاح؛ أعد المحاولة');
      return;
    }
    if (answer.text !== text) {
      area.focus();
      area.select();
      if (!document.execCommand('insertText', false, answer.text)) area.value = answer.text;
      grow();
    }
    await check();
    setStatus('أُصلح ' + answer.applied.length + '، ' + status.textContent);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(area.value);
    } catch (e) {
      area.select();
      if (!document.execCommand('copy')) {
        setStatus('تعذّر النسخ');
        return;
      }
    }
    setStatus('نُسخ النص');
  }

  function hidePopup() {
    popup.hidden = true;
    popup.textContent = '';
    backdrop.querySelectorAll('.mark.active').forEach((s) => s.classList.remove('active'));
  }

  /** The findings under the caret, in a box under the word. */
  function popupAt(pos) {
    hidePopup();
    if (area.value !== checked) return;
    const hits = [];
    matches.forEach((m, i) => {
      if (m.length > 0 && m.offset <= pos && pos <= m.offset + m.length) hits.push(i);
    });
    const span = hits
      .map((i) => backdrop.querySelector('[data-i="' + i + '"]'))
      .find((s) => s);
    if (!span) return;
    span.classList.add('active');
    hits.forEach((i) => {
      const item = document.createElement('div');
      item.className = 'item';
      describe(matches[i], i, item);
      popup.append(item);
    });
    const ignore = document.createElement('button');
    ignore.type = 'button';
    ignore.className = 'ignore';
    ignore.textContent = 'تجاهل';
    ignore.addEventListener('click', () => {
      matches = matches.filter((_, i) => !hits.includes(i));
      hidePopup();
      renderMarks();
      renderList();
      area.focus();
    });
    popup.append(ignore);
    popup.hidden = false;
    const r = span.getBoundingClientRect();
    const top = r.bottom + window.scrollY + 4;
    const left = Math.max(8, Math.min(r.right + window.scrollX - popup.offsetWidth,
      document.documentElement.clientWidth - popup.offsetWidth - 8));
    popup.style.top = top + 'px';
    popup.style.left = left + 'px';
  }

  area.addEventListener('input', () => {
    grow();
    // The underlines no longer fit the text: take them away until the next check.
    renderMarks();
    list.querySelectorAll('.finding').forEach((li) => li.classList.add('stale'));
    hidePopup();
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  area.addEventListener('click', () => {
    if (area.selectionStart === area.selectionEnd) popupAt(area.selectionStart);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hidePopup();
  });
  document.addEventListener('click', (e) => {
    if (!popup.hidden && !popup.contains(e.target) && e.target !== area) hidePopup();
  });
  window.addEventListener('resize', hidePopup);
  $('check').addEventListener('click', check);
  $('fix-safe').addEventListener('click', fixSafe);
  $('copy').addEventListener('click', copy);

  grow();
  renderMarks();
  if (area.value) check();
})();
