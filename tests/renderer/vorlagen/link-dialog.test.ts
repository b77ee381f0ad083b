// @vitest-environment happy-dom
import type { Editor } from '@tiptap/core';
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../../../electron/shared/document';
import RichTextEditor from '../../../renderer/src/components/editor/RichTextEditor.vue';
import { appPlugins, settle } from './mount-helpers';

/** Issue 15: a clerk inserts, changes and removes a link with Strg+K or the toolbar, in German. */
afterEach(() => {
  document.body.innerHTML = '';
});

const START: Doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Siehe Richtlinie.' }] }] };

async function mountEditor() {
  const { plugins } = appPlugins();
  const wrapper = mount(RichTextEditor, {
    props: { modelValue: START, labelledby: 'x', toolbarLabel: 'Formatierung' },
    global: { plugins: [...plugins] },
    attachTo: document.body,
  });
  await settle();
  const prose = document.body.querySelector<HTMLElement>('.ProseMirror')!;
  return { wrapper, prose };
}

const dialog = () => document.body.querySelector<HTMLElement>('[role="dialog"]');
const input = (label: string) => {
  const l = [...document.body.querySelectorAll('label')].find((x) => x.textContent === label)!;
  return document.getElementById(l.htmlFor) as HTMLInputElement;
};
const button = (text: string) => [...document.body.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;
async function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await settle();
}
const lastDoc = (wrapper: Awaited<ReturnType<typeof mountEditor>>['wrapper']) => (wrapper.emitted('update:modelValue')?.at(-1)?.[0] as Doc | undefined);

describe('link dialog', () => {
  it('Strg+K on selected text: a refused address is explained and changes nothing; a web address becomes the link; the dialog edits and removes it', async () => {
    const { wrapper, prose } = await mountEditor();
    const editor = (prose as unknown as { editor: Editor }).editor;
    // Select "Richtlinie" (positions 7–17 in the paragraph).
    editor.commands.setTextSelection({ from: 7, to: 17 });
    prose.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    await settle();
    expect(dialog()?.textContent).toContain('Link einfügen');
    expect(document.activeElement).toBe(input('Adresse (Webseite oder E-Mail)'));

    await type(input('Adresse (Webseite oder E-Mail)'), 'javascript:alert(1)');
    button('Übernehmen').click();
    await settle();
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toBe('Links sind nur zu Webseiten (http, https) und E-Mail-Adressen (mailto) möglich.');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    await type(input('Adresse (Webseite oder E-Mail)'), 'www.musterkreis.example/richtlinie');
    button('Übernehmen').click();
    await settle();
    expect(dialog()).toBeNull();
    const link = (href: string) => [{ type: 'link', attrs: { href } }];
    expect(lastDoc(wrapper)!.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Siehe ' }, { type: 'text', text: 'Richtlinie', marks: link('https://www.musterkreis.example/richtlinie') }, { type: 'text', text: '.' }],
    });

    // The toolbar button shows the link as active and opens the dialog to edit it.
    editor.commands.setTextSelection(10);
    await settle();
    const tool = document.body.querySelector<HTMLButtonElement>('button[aria-label="Link"]')!;
    expect(tool.getAttribute('aria-pressed')).toBe('true');
    tool.click();
    await settle();
    expect(dialog()?.textContent).toContain('Link bearbeiten');
    expect(input('Adresse (Webseite oder E-Mail)').value).toBe('https://www.musterkreis.example/richtlinie');
    button('Link entfernen').click();
    await settle();
    expect(lastDoc(wrapper)).toEqual(START);
    wrapper.unmount();
  });

  it('with nothing selected, inserts the link with the text the user gives', async () => {
    const { wrapper, prose } = await mountEditor();
    const editor = (prose as unknown as { editor: Editor }).editor;
    editor.commands.setTextSelection(18);
    prose.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    await settle();
    await type(input('Adresse (Webseite oder E-Mail)'), 'ki@musterkreis.example');
    await type(input('Angezeigter Text'), ' E-Mail an das KI');
    button('Übernehmen').click();
    await settle();
    expect(lastDoc(wrapper)!.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Siehe Richtlinie.' }, { type: 'text', text: 'E-Mail an das KI', marks: [{ type: 'link', attrs: { href: 'mailto:ki@musterkreis.example' } }] }],
    });
    wrapper.unmount();
  });
});
