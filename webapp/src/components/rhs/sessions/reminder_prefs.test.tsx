import React from 'react';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';

import * as client from '../../../client';
import {requestRefresh} from '../../../refresh';
import {apiError, renderAs} from '../../../test_utils';
import type {PreferencesView} from '../../../types/sessions';

import ReminderPrefs from './reminder_prefs';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

function prefs(overrides: Partial<PreferencesView> = {}): PreferencesView {
    return {
        lead_minutes: [1440, 60], own_lead_minutes: false, quiet_start: '', quiet_end: '', weekly_budget: 10,
        time_zone: 'Europe/Madrid', feed_active: false, ...overrides,
    };
}

async function show(view: PreferencesView, locale?: string) {
    mocked.getPreferences.mockResolvedValue(view);
    renderAs({locale}, <ReminderPrefs/>);
    await act(async () => {});
}

beforeEach(() => jest.resetAllMocks());

test('shows the lead times in effect, the zone of quiet hours and the budget', async () => {
    await show(prefs());
    expect(screen.getByTestId('prefs-lead-1440')).toBeChecked();
    expect(screen.getByTestId('prefs-lead-60')).toBeChecked();
    expect(screen.getByTestId('prefs-lead-15')).not.toBeChecked();
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('(the default)');
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('In your time zone (Europe/Madrid)');
    expect(screen.getByTestId('prefs-budget')).toHaveValue(10);
    expect(screen.queryByTestId('prefs-lead-reset')).toBeNull();
});

test('saving sends only what changed, so untouched defaults stay defaults', async () => {
    mocked.savePreferences.mockResolvedValue(prefs({quiet_start: '22:00', quiet_end: '08:00'}));
    await show(prefs());
    fireEvent.change(screen.getByTestId('prefs-quiet-start'), {target: {value: '22:00'}});
    fireEvent.change(screen.getByTestId('prefs-quiet-end'), {target: {value: '08:00'}});
    fireEvent.click(screen.getByTestId('prefs-save'));
    await waitFor(() => expect(mocked.savePreferences).toHaveBeenCalledWith({quiet_start: '22:00', quiet_end: '08:00'}));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.getByTestId('prefs-quiet-start')).toHaveValue('22:00');
});

test('lead times: at most four, sent as a list; own ones can go back to the default', async () => {
    mocked.savePreferences.mockResolvedValue(prefs({lead_minutes: [2880, 1440, 60, 15], own_lead_minutes: true}));
    await show(prefs());
    fireEvent.click(screen.getByTestId('prefs-lead-15'));
    fireEvent.click(screen.getByTestId('prefs-lead-2880'));
    expect(screen.getByTestId('prefs-lead-120')).toBeDisabled();
    expect(screen.getByTestId('prefs-lead-15')).toBeEnabled();
    fireEvent.change(screen.getByTestId('prefs-budget'), {target: {value: '3'}});
    fireEvent.click(screen.getByTestId('prefs-save'));
    await waitFor(() => expect(mocked.savePreferences).toHaveBeenCalledWith({lead_minutes: [2880, 1440, 60, 15], weekly_budget: 3}));

    mocked.savePreferences.mockResolvedValue(prefs());
    fireEvent.click(await screen.findByTestId('prefs-lead-reset'));
    await waitFor(() => expect(mocked.savePreferences).toHaveBeenLastCalledWith({lead_minutes: []}));
});

test('a lead time set elsewhere (/mentor reminders --lead 30m) is listed', async () => {
    await show(prefs({lead_minutes: [30], own_lead_minutes: true}));
    expect(screen.getByTestId('prefs-lead-30')).toBeChecked();
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('30 min');
});

test('snooze for N weeks, and end it', async () => {
    mocked.savePreferences.mockResolvedValueOnce(prefs({snooze_until: '2030-04-01T10:00:00Z'}));
    await show(prefs());
    fireEvent.change(screen.getByTestId('prefs-snooze-weeks'), {target: {value: '4'}});
    fireEvent.click(screen.getByTestId('prefs-snooze-start'));
    await waitFor(() => expect(mocked.savePreferences).toHaveBeenCalledWith({snooze_weeks: 4}));
    expect(await screen.findByTestId('prefs-snooze')).toHaveTextContent('Reminders snoozed until Apr 1, 2030.');
    mocked.savePreferences.mockResolvedValueOnce(prefs());
    fireEvent.click(screen.getByTestId('prefs-snooze-end'));
    await waitFor(() => expect(mocked.savePreferences).toHaveBeenLastCalledWith({snooze_weeks: 0}));
});

test('a refusal shows the server\'s reason and keeps what was typed', async () => {
    mocked.savePreferences.mockRejectedValue(apiError(400, 'Quiet hours need a start and an end, like 22:00 to 08:00.', 'quiet_end'));
    await show(prefs());
    fireEvent.change(screen.getByTestId('prefs-quiet-start'), {target: {value: '22:00'}});
    fireEvent.click(screen.getByTestId('prefs-save'));
    expect(await screen.findByTestId('prefs-error')).toHaveTextContent('Quiet hours need a start and an end');
    expect(screen.getByTestId('prefs-quiet-start')).toHaveValue('22:00');
});

test('a refresh with the same values keeps what is being typed; new values replace it', async () => {
    await show(prefs());
    fireEvent.change(screen.getByTestId('prefs-budget'), {target: {value: '7'}});
    await act(async () => requestRefresh());
    expect(screen.getByTestId('prefs-budget')).toHaveValue(7);
    mocked.getPreferences.mockResolvedValue(prefs({weekly_budget: 2}));
    await act(async () => requestRefresh());
    expect(screen.getByTestId('prefs-budget')).toHaveValue(2);
});

test('Spanish', async () => {
    await show(prefs(), 'es');
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('Recordarme antes de cada sesión');
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('1 día');
    expect(screen.getByTestId('prefs-form')).toHaveTextContent('2 horas');
    expect(screen.getByTestId('prefs-save')).toHaveTextContent('Guardar');
});
