/**
 * A limited rich-text field for the plan's written sections (Tiptap on ProseMirror). It offers
 * exactly what the server keeps (plans.richtext.ts): headings on two levels, paragraphs, bullet
 * and numbered lists, bold, italic, links and line breaks; nothing else can be typed or pasted
 * in. A toolbar in the ARIA toolbar pattern (one Tab stop, arrow keys between the buttons) sits
 * above it; the usual shortcuts (Ctrl+B, Ctrl+I) work in the text.
 */
import { Plugin } from '@tiptap/pm/state';
import { EditorContent, Extension, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FieldMessages, TextField, describedBy } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { linkHref } from './labels.ts';

/**
 * Tab leaves the text for the next field, also inside a list (where the list item would
 * otherwise nest one level deeper): keyboard users are never held in the editor. Returning true
 * from a DOM handler makes ProseMirror skip the key without preventing the browser's default.
 */
const TabMovesFocus = Extension.create({
  name: 'tabMovesFocus',
  addProseMirrorPlugins() {
    return [new Plugin({ props: { handleDOMEvents: { keydown: (_view, event) => event.key === 'Tab' } } })];
  },
});

const extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    // Drag and drop of blocks draws a cursor with inline styles; the sections need neither.
    dropcursor: false,
    // An empty paragraph kept after a closing list or heading would be stored with the text;
    // Enter on an empty list item already leads out of the list.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ['mailto'],
      defaultProtocol: 'https',
      isAllowedUri: (url) => linkHref(url) === url,
      // Stored as a bare a[href]: the server keeps nothing else, and the page decides how links open.
      HTMLAttributes: { target: null, rel: null, class: null },
    },
  }),
  TabMovesFocus,
];

interface ToolState {
  h2: boolean;
  h3: boolean;
  bulletList: boolean;
  orderedList: boolean;
  bold: boolean;
  italic: boolean;
  link: boolean;
}

function useToolState(editor: Editor): ToolState {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
    }),
  });
}

/** Asks for a link's address in the page, not in a browser prompt. Enter applies, Escape cancels. */
function LinkForm({ id, initial, onApply, onCancel }: { id: string; initial: string; onApply(href: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const href = linkHref(value);
    if (!href) {
      setError(t('plan.editor.link_invalid'));
      return;
    }
    onApply(href);
  };
  // Not a <form>: the link field sits inside the sections' form, and forms do not nest. Enter
  // in the field applies (on a button it presses that button); Escape anywhere cancels.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="rich-text-link-form" role="group" aria-label={t('plan.editor.link_apply')} onKeyDown={onKeyDown}>
      <TextField
        id={id}
        label={t('plan.editor.link_address')}
        hint={t('plan.editor.link_hint')}
        error={error ?? undefined}
        type="url"
        inputMode="url"
        autoComplete="url"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        // The field appears because the user asked for it: focus goes there at once.
        autoFocus
      />
      <div className="button-group">
        <button type="button" className="button button-secondary" onClick={apply}>
          {t('plan.editor.link_apply')}
        </button>
        <button type="button" className="button button-tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

interface Tool {
  key: string;
  label: string;
  icon?: string;
  pressed?: boolean;
  disabled?: boolean;
  run(): void;
}

function Toolbar({ editor, label, controls, onLink }: { editor: Editor; label: string; controls: string; onLink(): void }) {
  const { t } = useI18n();
  const state = useToolState(editor);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const chain = () => editor.chain().focus();
  const tools: Tool[] = [
    { key: 'h2', label: t('plan.editor.heading'), pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'h3', label: t('plan.editor.subheading'), pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'ul', label: t('plan.editor.bullet_list'), icon: 'format-list-bulleted', pressed: state.bulletList, run: () => chain().toggleBulletList().run() },
    { key: 'ol', label: t('plan.editor.ordered_list'), icon: 'format-list-numbered', pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'bold', label: t('plan.editor.bold'), icon: 'format-bold', pressed: state.bold, run: () => chain().toggleBold().run() },
    { key: 'italic', label: t('plan.editor.italic'), icon: 'format-italic', pressed: state.italic, run: () => chain().toggleItalic().run() },
    { key: 'link', label: t('plan.editor.link'), icon: 'link', pressed: state.link, run: onLink },
    { key: 'unlink', label: t('plan.editor.unlink'), disabled: !state.link, run: () => chain().extendMarkRange('link').unsetLink().run() },
  ];
  const move = (to: number) => {
    const next = (to + tools.length) % tools.length;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: focusIndex + 1, ArrowLeft: focusIndex - 1, Home: 0, End: tools.length - 1 };
    if (!(event.key in keys)) return;
    event.preventDefault();
    move(keys[event.key]);
  };
  return (
    <div className="rich-text-toolbar" role="toolbar" aria-label={t('plan.editor.toolbar', { section: label })} aria-controls={controls} onKeyDown={onKeyDown}>
      {tools.map((tool, index) => (
        <button
          key={tool.key}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          className="button button-secondary"
          tabIndex={index === focusIndex ? 0 : -1}
          aria-pressed={tool.pressed === undefined ? undefined : tool.pressed}
          aria-disabled={tool.disabled || undefined}
          // A click keeps the text's selection: the editor does not lose focus to the button.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setFocusIndex(index)}
          onClick={() => {
            if (!tool.disabled) tool.run();
          }}
        >
          {tool.icon ? <Icon name={tool.icon} /> : null}
          {tool.label}
        </button>
      ))}
    </div>
  );
}

export function RichTextEditor({ id, label, hint, error, initial, onChange }: { id: string; label: string; hint?: ReactNode; error?: string; initial: string; onChange(html: string): void }) {
  const linkId = useId();
  const [linking, setLinking] = useState(false);
  const described = describedBy(id, hint, error);
  // The editor compares its options on each render and applies changed ones (an error shown):
  // kept stable otherwise, so typing does not reconfigure it.
  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      },
    }),
    [id, label, described, error],
  );
  const editor = useEditor({
    extensions,
    content: initial,
    // ProseMirror's few base rules are in plans.css: no <style> element is added to the page.
    injectCSS: false,
    editorProps,
    // An empty editor holds one empty paragraph; the plan stores an empty section as nothing.
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  const closeLink = () => {
    setLinking(false);
    editor.commands.focus();
  };
  const applyLink = (href: string) => {
    setLinking(false);
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
  };
  return (
    <div className={`form-group rich-text-field${error ? ' form-error' : ''}`}>
      {/* A heading per section, so the text's own h2 and h3 follow in order (and a screen
          reader can jump from section to section). */}
      <h2 className="form-label rich-text-label" id={`${id}-label`}>
        {label}
      </h2>
      <FieldMessages id={id} hint={hint} error={error} />
      <Toolbar editor={editor} label={label} controls={id} onLink={() => setLinking(true)} />
      {linking ? <LinkForm id={linkId} initial={(editor.getAttributes('link').href as string | undefined) ?? ''} onApply={applyLink} onCancel={closeLink} /> : null}
      <EditorContent editor={editor} className="rich-text-editor" />
    </div>
  );
}
