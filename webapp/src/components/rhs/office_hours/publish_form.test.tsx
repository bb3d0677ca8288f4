import React from 'react';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';

import * as client from '../../../client';
import {apiError, renderAs} from '../../../test_utils';
import type {Membership} from '../../../types';
import type {OfficeHours} from '../../../types/sessions';
import {membership, program} from '../matches/fixtures';

import OfficeHoursArea, {officeHoursPrograms} from './office_hours_area';
import PublishHours from './publish_form';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

function hours(overrides: Partial<OfficeHours> = {}): OfficeHours {
    return {program_id: 'p1', mentor_id: 'me', time_zone: 'Europe/Madrid', windows: null, slot_minutes: 15, where: '', published: false, ...overrides};
}
const thursdays = hours({
    windows: [{weekday: 4, start: '16:00', end: '17:00'}], where: 'link', location: 'https://meet.example/oh',
    published: true, until: '2030-05-01T00:00:00Z',
});

async function show(h: OfficeHours) {
    mocked.myOfficeHours.mockResolvedValue(h);
    renderAs({}, <PublishHours programId='p1'/>);
    await act(async () => {});
}

beforeEach(() => jest.resetAllMocks());

test('publish sends one weekly window, slot length, weeks and the link', async () => {
    mocked.publishOfficeHours.mockResolvedValue(thursdays);
    await show(hours());
    expect(screen.getByTestId('hours-mine-p1')).toHaveTextContent('Not published.');
    fireEvent.click(screen.getByTestId('hours-edit-p1'));
    const f = 'hours-form-p1';
    expect(screen.getByTestId(`${f}-weekday`)).toHaveValue('4');
    fireEvent.change(screen.getByTestId(`${f}-weekday`), {target: {value: '2'}});
    fireEvent.change(screen.getByTestId(`${f}-start`), {target: {value: '09:00'}});
    fireEvent.change(screen.getByTestId(`${f}-end`), {target: {value: '10:30'}});
    fireEvent.change(screen.getByTestId(`${f}-slot`), {target: {value: '30'}});
    fireEvent.change(screen.getByTestId(`${f}-weeks`), {target: {value: '4'}});
    fireEvent.change(screen.getByTestId(`${f}-location`), {target: {value: ' https://meet.example/oh '}});
    fireEvent.click(screen.getByTestId(`${f}-submit`));
    await waitFor(() => expect(screen.getByTestId('hours-published')).toBeInTheDocument());
    expect(mocked.publishOfficeHours).toHaveBeenCalledWith('p1', {
        windows: [{weekday: 2, start: '09:00', end: '10:30'}], slot_minutes: 30, weeks: 4, where: 'link', location: 'https://meet.example/oh',
    });
    expect(screen.getByTestId('hours-published')).toHaveTextContent('Thursdays 16:00–17:00 (Europe/Madrid), 15-minute slots');
    expect(screen.getByTestId('hours-published')).toHaveTextContent('Offered until May 1, 2030');
});

test('a refused publish shows the reason in the form', async () => {
    mocked.publishOfficeHours.mockRejectedValue(apiError(400, 'The window ends before it starts.', 'windows'));
    await show(hours());
    fireEvent.click(screen.getByTestId('hours-edit-p1'));
    fireEvent.change(screen.getByTestId('hours-form-p1-location'), {target: {value: 'https://x.example'}});
    fireEvent.click(screen.getByTestId('hours-form-p1-submit'));
    expect(await screen.findByTestId('hours-form-p1-error')).toHaveTextContent('The window ends before it starts.');
});

test('unpublish withdraws them; the form starts from what was published', async () => {
    mocked.unpublishOfficeHours.mockResolvedValue({...thursdays, published: false});
    await show(thursdays);
    fireEvent.click(screen.getByTestId('hours-edit-p1'));
    expect(screen.getByTestId('hours-form-p1-start')).toHaveValue('16:00');
    expect(screen.getByTestId('hours-form-p1-location')).toHaveValue('https://meet.example/oh');
    fireEvent.click(screen.getByText('Cancel'));
    fireEvent.click(screen.getByTestId('hours-unpublish-p1'));
    await waitFor(() => expect(screen.getByTestId('hours-mine-p1')).toHaveTextContent('Not published.'));
    expect(mocked.unpublishOfficeHours).toHaveBeenCalledWith('p1');
});

test('the section: mentors publish anywhere; everyone books in office-hours programs', async () => {
    const oh = program({id: 'p2', name: 'Ask a senior', kind: 'office_hours'});
    const one = program({id: 'p1', name: 'Spring'});
    const list: Membership[] = [
        membership(one, {role: 'mentor'}),
        membership(oh, {role: 'mentee'}),
        membership(program({id: 'p3', name: 'Paused'}), {role: 'mentor', status: 'paused'}),
        membership(program({id: 'p4', name: 'Mentee only'}), {role: 'mentee'}),
    ];
    expect(officeHoursPrograms(list).map((m) => m.program.id)).toEqual(['p1', 'p2']);
    mocked.myOfficeHours.mockResolvedValue(hours());
    mocked.freeSlots.mockResolvedValue([]);
    renderAs({}, <OfficeHoursArea memberships={list} me='me'/>);
    await act(async () => {});
    expect(screen.getByTestId('hours-mine-p1')).toBeInTheDocument();
    expect(screen.queryByTestId('slots-p1')).toBeNull();
    expect(screen.getByTestId('slots-p2')).toBeInTheDocument();
    expect(screen.queryByTestId('hours-mine-p2')).toBeNull();
    expect(mocked.myOfficeHours).toHaveBeenCalledTimes(1);
});

test('no such program: no section', () => {
    const {container} = renderAs({}, <OfficeHoursArea memberships={[membership(program(), {role: 'mentee'})]} me='me'/>);
    expect(container).toBeEmptyDOMElement();
});
