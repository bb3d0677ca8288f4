import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {requestRefresh} from '../../../refresh';
import {apiError, autoZone, renderAs} from '../../../test_utils';
import type {Profile} from '../../../types';

import ProfileForm from './profile_form';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

const saved: Profile = {
    schema_version: 1, user_id: 'me', skills_offered: ['go'], skills_wanted: ['public speaking'], interests: [], languages: ['english'],
    experience_level: 'senior', experience_years: 7.5, bio: 'Backend person.', availability_hours: 4, location: 'Lisbon',
    department: '', dont_match: ['u-x'], manager_id: 'u-boss', time_zone: 'Europe/Lisbon',
};

function show(vocabularyProgram = 'p1', locale?: string) {
    return renderAs({locale, timezone: autoZone('Asia/Tokyo')}, <ProfileForm vocabularyProgram={vocabularyProgram}/>);
}

const chips = (field: string) => within(screen.getByTestId(`profile-${field}-chips`)).queryAllByTestId('chip').map((c) => c.firstChild?.textContent);

beforeEach(() => {
    jest.resetAllMocks();
    mocked.vocabulary.mockResolvedValue([]);
});

test('loading, then the saved profile in the form, time zone read-only', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    show();
    expect(screen.getByRole('status')).toHaveTextContent('Loading your profile…');
    await screen.findByTestId('profile-form');
    expect(chips('skills_offered')).toEqual(['go']);
    expect(chips('skills_wanted')).toEqual(['public speaking']);
    expect(chips('languages')).toEqual(['english']);
    expect(screen.getByLabelText('Experience level')).toHaveValue('senior');
    expect(screen.getByLabelText('Years of experience')).toHaveValue(7.5);
    expect(screen.getByLabelText('Availability (hours per month)')).toHaveValue(4);
    expect(screen.getByLabelText('About me')).toHaveValue('Backend person.');
    expect(screen.getByLabelText('Location (optional)')).toHaveValue('Lisbon');
    const zone = screen.getByTestId('profile-time_zone');
    expect(zone).toHaveTextContent('Europe/Lisbon');
    expect(zone).toHaveTextContent('From your Mattermost settings');
    expect(within(zone).queryByRole('textbox')).toBeNull();
});

test('a profile never saved shows the Mattermost time zone and empty lists', async () => {
    mocked.getProfile.mockResolvedValue({schema_version: 1, user_id: 'me', skills_offered: [], skills_wanted: [], interests: [], languages: [], experience_years: 0, availability_hours: 0});
    show();
    expect(await screen.findByTestId('profile-time_zone')).toHaveTextContent('Asia/Tokyo');
    expect(chips('interests')).toEqual([]);
});

test('load error with retry', async () => {
    mocked.getProfile.mockRejectedValueOnce(new Error('boom')).mockResolvedValue(saved);
    show();
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load your profile: boom');
    fireEvent.click(screen.getByText('Try again'));
    expect(await screen.findByTestId('profile-form')).toBeInTheDocument();
});

test('Save sends every field of the form, lists included, and nothing else', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    mocked.saveProfile.mockImplementation(async (fields) => ({...saved, ...fields}));
    show();
    await screen.findByTestId('profile-form');

    const input = screen.getByTestId('profile-interests-input');
    fireEvent.change(input, {target: {value: 'chess'}});
    fireEvent.keyDown(input, {key: 'Enter'});
    fireEvent.change(input, {target: {value: 'Chess'}});
    fireEvent.click(screen.getByTestId('profile-interests-add')); // same term, another case: not twice
    fireEvent.click(screen.getByRole('button', {name: 'Remove go'}));
    fireEvent.change(screen.getByLabelText('Experience level'), {target: {value: 'lead'}});
    fireEvent.change(screen.getByLabelText('Years of experience'), {target: {value: '9'}});
    fireEvent.change(screen.getByLabelText('Availability (hours per month)'), {target: {value: '6'}});
    fireEvent.change(screen.getByLabelText('About me'), {target: {value: ' Likes Go. '}});
    fireEvent.change(screen.getByLabelText('Department (optional)'), {target: {value: 'Platform'}});
    fireEvent.click(screen.getByTestId('profile-save'));

    expect(await screen.findByTestId('profile-saved')).toHaveTextContent('Profile saved.');
    expect(mocked.saveProfile).toHaveBeenCalledWith({
        skills_offered: [], skills_wanted: ['public speaking'], interests: ['chess'], languages: ['english'],
        experience_level: 'lead', experience_years: 9, bio: 'Likes Go.', availability_hours: 6,
        location: 'Lisbon', department: 'Platform',
    });
    // Never sends what the server refuses (time_zone, user_id), nor the fields
    // this form does not show: absent, the server keeps them.
    const body = mocked.saveProfile.mock.calls[0][0] as unknown as Record<string, unknown>;
    for (const key of ['time_zone', 'user_id', 'updated_at', 'schema_version', 'manager_id', 'dont_match']) {
        expect([key, key in body]).toEqual([key, false]);
    }
});

test('a refused field is shown next to that field, an unknown one above Save', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    mocked.saveProfile.mockRejectedValueOnce(apiError(400, 'Availability is at most 160 hours a month.', 'availability_hours'));
    show();
    await screen.findByTestId('profile-form');
    fireEvent.click(screen.getByTestId('profile-save'));
    const field = screen.getByTestId('profile-availability_hours-field');
    expect(await within(field).findByRole('alert')).toHaveTextContent('Availability is at most 160 hours a month.');
    expect(screen.queryByTestId('profile-error')).toBeNull();

    mocked.saveProfile.mockRejectedValueOnce(apiError(400, 'A skill is at most 60 characters.', 'skills_offered[0]'));
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await within(screen.getByTestId('profile-skills_offered-field')).findByRole('alert')).toHaveTextContent('at most 60 characters');
    expect(screen.getByTestId('profile-skills_offered-input')).toHaveAttribute('aria-invalid', 'true');

    mocked.saveProfile.mockRejectedValueOnce(apiError(500, 'Something went wrong.'));
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await screen.findByTestId('profile-error')).toHaveTextContent('Something went wrong.');
    expect(screen.queryByTestId('profile-saved')).toBeNull();
});

test('terms autocomplete from the program\'s vocabulary; a suggestion is a click away', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    mocked.vocabulary.mockResolvedValue(['go', 'golang', 'gardening']);
    show('p7');
    await screen.findByTestId('profile-form');
    fireEvent.change(screen.getByTestId('profile-skills_wanted-input'), {target: {value: 'g'}});
    const listbox = await screen.findByRole('listbox');
    expect(mocked.vocabulary).toHaveBeenCalledWith('p7', 'skills', 'g');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(['go', 'golang', 'gardening']);
    fireEvent.click(within(listbox).getByText('golang'));
    expect(chips('skills_wanted')).toEqual(['public speaking', 'golang']);
    expect(screen.getByTestId('profile-skills_wanted-input')).toHaveValue('');

    fireEvent.change(screen.getByTestId('profile-languages-input'), {target: {value: 'en'}});
    await waitFor(() => expect(mocked.vocabulary).toHaveBeenCalledWith('p7', 'languages', 'en'));
    fireEvent.change(screen.getByTestId('profile-skills_offered-input'), {target: {value: 'g'}});
    // The same prefix of the same field is asked once.
    await screen.findByRole('listbox');
    expect(mocked.vocabulary.mock.calls.filter(([, f, q]) => f === 'skills' && q === 'g')).toHaveLength(1);
});

test('outside any program there is no autocomplete, free text still works', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    show('');
    await screen.findByTestId('profile-form');
    fireEvent.change(screen.getByTestId('profile-interests-input'), {target: {value: 'chess'}});
    fireEvent.keyDown(screen.getByTestId('profile-interests-input'), {key: 'Enter'});
    expect(chips('interests')).toEqual(['chess']);
    expect(mocked.vocabulary).not.toHaveBeenCalled();
});

test('a refresh while editing keeps what is being typed', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    show();
    await screen.findByTestId('profile-form');
    fireEvent.change(screen.getByLabelText('About me'), {target: {value: 'Half-written'}});
    mocked.getProfile.mockResolvedValue({...saved, bio: 'From the server'});
    await act(async () => requestRefresh());
    expect(mocked.getProfile).toHaveBeenCalledTimes(2);
    expect(screen.getByLabelText('About me')).toHaveValue('Half-written');
});

test('Spanish labels', async () => {
    mocked.getProfile.mockResolvedValue(saved);
    show('p1', 'es');
    await screen.findByTestId('profile-form');
    expect(screen.getByLabelText('Habilidades que ofrezco')).toBeInTheDocument();
    expect(screen.getByLabelText('Nivel de experiencia')).toHaveDisplayValue('Sénior');
    expect(screen.getByTestId('profile-save')).toHaveTextContent('Guardar perfil');
});
