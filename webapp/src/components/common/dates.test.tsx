import React from 'react';
import {screen} from '@testing-library/react';

import {autoZone, renderAs} from '../../test_utils';

import {CalendarDay, InstantDay, ProgramDates, parseDay} from './dates';

// 20:30 UTC on 31 March is already 1 April in Tokyo, still 31 March in New York.
const lateMarch31 = '2026-03-31T20:30:00Z';

test('an instant is shown as the day in the reader\'s time zone', () => {
    renderAs({timezone: autoZone('Asia/Tokyo')}, <span data-testid='d'><InstantDay at={lateMarch31}/></span>);
    expect(screen.getByTestId('d')).toHaveTextContent('Apr 1, 2026');
});

test('the manual time zone is used when automatic is off', () => {
    const timezone = {useAutomaticTimezone: 'false', automaticTimezone: 'Asia/Tokyo', manualTimezone: 'America/New_York'};
    renderAs({timezone}, <span data-testid='d'><InstantDay at={lateMarch31}/></span>);
    expect(screen.getByTestId('d')).toHaveTextContent('Mar 31, 2026');
});

test('a calendar day is the same day in every time zone', () => {
    for (const zone of ['Pacific/Honolulu', 'Asia/Tokyo']) {
        const {unmount} = renderAs({timezone: autoZone(zone)}, <span data-testid='d'><CalendarDay day='2026-09-01'/></span>);
        expect(screen.getByTestId('d')).toHaveTextContent('Sep 1, 2026');
        unmount();
    }
});

test('dates follow the reader\'s language', () => {
    renderAs({locale: 'es', timezone: autoZone('UTC')}, <span data-testid='d'><ProgramDates start='2026-09-01' end='2027-06-30'/></span>);
    // ICU's Spanish short months vary a little between versions ("sept"/"sep.").
    expect(screen.getByTestId('d')).toHaveTextContent(/^1 sept?\.? 2026 – 30 jun\.? 2027$/);
});

test('one-ended and evergreen programs', () => {
    renderAs({}, <>
        <span data-testid='start'><ProgramDates start='2026-09-01'/></span>
        <span data-testid='end'><ProgramDates end='2027-06-30'/></span>
        <span data-testid='none'><ProgramDates/></span>
    </>);
    expect(screen.getByTestId('start')).toHaveTextContent('Starts Sep 1, 2026');
    expect(screen.getByTestId('end')).toHaveTextContent('Ends Jun 30, 2027');
    expect(screen.getByTestId('none')).toBeEmptyDOMElement();
});

test('values that are not dates are shown as sent, or not at all', () => {
    expect(parseDay('2026-9-1')).toBeUndefined();
    renderAs({}, <>
        <span data-testid='day'><CalendarDay day='soon'/></span>
        <span data-testid='instant'><InstantDay at='garbage'/></span>
    </>);
    expect(screen.getByTestId('day')).toHaveTextContent('soon');
    expect(screen.getByTestId('instant')).toBeEmptyDOMElement();
});
