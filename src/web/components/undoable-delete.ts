import { api, messageOf } from '../api-client.js';
import type { ToastOptions } from './toast.js';

/**
 * Deletes a piece of evidence and offers the undo in a toast. The server keeps
 * deleted evidence (a soft delete), so the undo is a restore, not a re-create:
 * the id, dates and links survive. Throws when the delete itself fails, so each
 * screen reports that in its own place. `afterDelete` runs between the delete and
 * the toast (the form uses it to leave for the list).
 */
export async function deleteEvidenceWithUndo(
  toast: (options: ToastOptions) => void,
  evidenceId: string,
  afterDelete: () => void = () => undefined,
): Promise<void> {
  await api.deleteEvidence(evidenceId);
  // Before the toast, so a screen change does not take the focus from its Undo button.
  afterDelete();
  toast({
    message: 'Evidence deleted.',
    focusAction: true,
    action: {
      label: 'Undo',
      onAction: async () => {
        try {
          await api.restoreEvidence(evidenceId);
          toast({ message: 'Evidence restored.' });
        } catch (error) {
          toast({ message: `The evidence could not be restored: ${messageOf(error)}` });
        }
      },
    },
  });
}
