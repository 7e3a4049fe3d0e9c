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
// ...and the virtual lists (customers, collections) need a viewport size to decide how many rows to render:
// give it the size it has on a counter PC's screen.
const listViewport = { clientHeight: 600, clientWidth: 360 };
for (const [property, size] of Object.entries(listViewport)) {
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('customer-list') || this.classList.contains('collection-scroll') ? size : 0;
    },
  });
}
Object.defineProperty(navigator, 'language', { value: 'zh-CN', configurable: true });

afterEach(() => cleanup());
