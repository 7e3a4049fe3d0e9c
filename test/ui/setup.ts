import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout engine: antd asks for matchMedia, the virtual list observes sizes.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
// ...and the virtual lists (customers, collections, Today's sections) need a viewport size to decide how many rows
// to render: give them the size they have on a counter PC's screen.
const listViewport = { clientHeight: 600, clientWidth: 360 };
const virtualLists = ['customer-list', 'collection-scroll', 'call-scroll'];
for (const [property, size] of Object.entries(listViewport)) {
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return virtualLists.some((name) => this.classList.contains(name)) ? size : 0;
    },
  });
}
Object.defineProperty(navigator, 'language', { value: 'zh-CN', configurable: true });

afterEach(() => cleanup());
