import { Button } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { ReactNode } from 'react';

/**
 * "Done — Undo": the success message every reversible action shows (archive, a logged call, a
 * collection visit). It stays long enough to be read at a busy counter.
 */
export function showUndoable(message: MessageInstance, options: { key: string; text: ReactNode; undoLabel: ReactNode; onUndo: () => void }) {
  void message.open({
    key: options.key,
    type: 'success',
    duration: 8,
    content: (
      <span>
        {options.text}{' '}
        <Button
          size="small"
          type="link"
          onClick={() => {
            message.destroy(options.key);
            options.onUndo();
          }}
        >
          {options.undoLabel}
        </Button>
      </span>
    ),
  });
}
