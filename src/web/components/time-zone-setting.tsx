import { useState } from 'react';
import { messageOf } from '../api-client.js';
import { formatDateAsInput } from '../field-errors.js';
import { browserTimeZone, choosePersonTimeZone } from '../time-zone.js';

/**
 * One line under a date input: which zone "today" is taken in, and, when
 * this browser is somewhere else, a button to take the browser's zone. The
 * CLI (`longhaul settings --time-zone`) and the API set any other zone.
 */
export function TimeZoneSetting({ personId, timeZone, today }: { personId: string; timeZone: string; today: string }) {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const here = browserTimeZone();

  const takeThisDevice = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await choosePersonTimeZone(personId, here);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="field time-zone-setting" data-testid="time-zone-setting">
      <p className="hint">
        Today is {formatDateAsInput(today)} in your time zone, {timeZone}.
      </p>
      {here === timeZone ? null : (
        <p className="hint">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={saving}
            onClick={() => void takeThisDevice()}
          >
            Use this device’s time zone ({here})
          </button>
        </p>
      )}
      {problem === null ? null : (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
