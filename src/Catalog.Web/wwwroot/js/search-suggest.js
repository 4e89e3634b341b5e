// Search-as-you-type for every site search box (form[role=search] > input[name=q]): suggestions from
// /api/search/suggest shown as an ARIA combobox with a listbox (WAI-ARIA APG "combobox with listbox popup").
// Progressive enhancement: without this script the box is a plain GET form to /search.
(() => {
  'use strict';

  const endpoint = '/api/search/suggest?q=';
  const delayMs = 120;
  let boxes = 0;

  function enhance(input) {
    const id = `search-suggest-${++boxes}`;
    const list = document.createElement('ul');
    list.id = id;
    list.className = 'search-suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    const status = document.createElement('div');
    status.className = 'search-suggest-status';
    status.setAttribute('role', 'status');
    input.form.classList.add('search-suggest-host');
    input.after(list, status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'false');
    input.autocomplete = 'off';

    let suggestions = [];
    let active = -1;
    let timer = 0;
    let pending = null;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function render(items) {
      suggestions = items;
      list.replaceChildren(...items.map((item, i) => {
        const option = document.createElement('li');
        option.id = `${id}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.index = String(i);
        const label = document.createElement('span');
        label.className = 'search-suggest-label';
        label.textContent = item.label;
        const type = document.createElement('span');
        type.className = 'search-suggest-type';
        type.textContent = item.type;
        option.append(label, type);
        return option;
      }));
      active = -1;
      input.removeAttribute('aria-activedescendant');
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
      status.textContent = items.length === 0 ? '' : `${items.length} suggestions, use the arrow keys to choose`;
    }

    function highlight(index) {
      if (suggestions.length === 0) {
        return;
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = (index + suggestions.length) % suggestions.length;
      for (const option of list.children) {
        option.setAttribute('aria-selected', String(option.dataset.index === String(active)));
      }
      const option = list.children[active];
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }

    // Only catalog pages and the web links the catalog lists are followed, never another scheme.
    function choose(index) {
      const url = suggestions[index]?.url ?? '';
      if (url.startsWith('/') || /^https?:\/\//i.test(url)) {
        window.location.assign(url);
      }
    }

    async function fetchSuggestions() {
      const q = input.value;
      pending?.abort();
      if (q.trim().length < 2) {
        render([]);
        return;
      }
      pending = new AbortController();
      try {
        const response = await fetch(endpoint + encodeURIComponent(q), {
          signal: pending.signal,
          headers: { Accept: 'application/json' },
        });
        if (!response.ok) {
          render([]);
          return;
        }
        const data = await response.json();
        if (input.value === q) {
          render(data.suggestions ?? []);
        }
      } catch (error) {
        if (error.name !== 'AbortError') {
          render([]);
        }
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, delayMs);
    });

    input.addEventListener('keydown', (event) => {
      const open = !list.hidden;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          highlight(open ? active + 1 : 0);
          break;
        case 'ArrowUp':
          event.preventDefault();
          highlight(open ? active - 1 : suggestions.length - 1);
          break;
        case 'Enter':
          // With no option chosen, Enter submits the search form as usual.
          if (open && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case 'Escape':
          if (open) {
            event.preventDefault();
            close();
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener('blur', close);
    // Keep the focus in the box while an option is clicked, so blur does not close the list first.
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        choose(Number(option.dataset.index));
      }
    });
  }

  function linkStyles() {
    if (!document.querySelector('link[href^="/css/search.css"]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/css/search.css';
      document.head.append(link);
    }
  }

  const inputs = document.querySelectorAll('form[role="search"] input[name="q"]');
  if (inputs.length > 0 && 'fetch' in window) {
    linkStyles();
    inputs.forEach(enhance);
  }
})();
