import React from 'react';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import * as client from '../../../client';
import {forgetUsernames} from '../../../hooks/users';
import {apiError, renderAs} from '../../../test_utils';
import type {Resource} from '../../../types/resources';
import {program, users} from '../matches/fixtures';

import ResourcesTab from './resources_tab';

jest.mock('../../../client');
const mocked = client as jest.Mocked<typeof client>;

function resource(overrides: Partial<Resource> = {}): Resource {
    return {
        id: 'r1', program_id: 'p1', title: 'Feedback guide', url: 'https://guide.example', description: 'How to give feedback',
        tags: ['feedback', 'career'], audience: 'all', status: 'published', author_id: 'u-ana', created_at: '', updated_at: '',
        views: 3, shares: 1, can_edit: false, ...overrides,
    };
}

const list = (items: Resource[]) => ({items, total: items.length});
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), {target: {value}});
const member = [{program: program(), manage: false}];
const coordinator = [{program: program(), manage: true}];

beforeEach(() => {
    jest.resetAllMocks();
    forgetUsernames();
    mocked.usersByIds.mockResolvedValue(users);
    mocked.openResourceURL.mockImplementation((id) => `/open/${id}`);
    mocked.recommendedResources.mockResolvedValue([]);
    mocked.suggestedResources.mockResolvedValue([]);
});

test('loading, then the hub: titles open through the plugin, with tags, audience and counts', async () => {
    mocked.listResources.mockResolvedValue(list([resource()]));
    renderAs({}, <ResourcesTab programs={member}/>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading resources…');
    const item = await screen.findByTestId('resource-r1');
    expect(screen.getByTestId('resource-open-r1')).toHaveAttribute('href', '/open/r1');
    expect(item).toHaveTextContent('Feedback guideHow to give feedback#feedback#careerEveryone · 3 views · 1 share');
    expect(screen.getByTestId('resources-total')).toHaveTextContent('1 resource');
    // A member edits nothing.
    expect(screen.queryByTestId('resource-edit-open-r1')).toBeNull();
    expect(mocked.listResources).toHaveBeenCalledWith('p1', '', '');
});

test('the server\'s open link is used when it sends one (a global resource counts in this program)', async () => {
    mocked.listResources.mockResolvedValue(list([resource({program_id: '', open_url: 'https://mm.example/plugins/mentorship/api/v1/resources/r1/open?program_id=p1'})]));
    renderAs({}, <ResourcesTab programs={member}/>);
    expect(await screen.findByTestId('resource-open-r1')).toHaveAttribute('href', 'https://mm.example/plugins/mentorship/api/v1/resources/r1/open?program_id=p1');
});

test('search asks the server with the words; a tag filters and can be cleared', async () => {
    mocked.listResources.mockResolvedValue(list([resource()]));
    renderAs({}, <ResourcesTab programs={member}/>);
    await screen.findByTestId('resource-r1');
    type('resources-search', ' public speaking ');
    fireEvent.click(screen.getByTestId('resources-search-submit'));
    await waitFor(() => expect(mocked.listResources).toHaveBeenLastCalledWith('p1', 'public speaking', ''));
    fireEvent.click(within(await screen.findByTestId('resource-r1')).getAllByTestId('resource-tag')[1]);
    await waitFor(() => expect(mocked.listResources).toHaveBeenLastCalledWith('p1', 'public speaking', 'career'));
    expect(screen.getByTestId('resources-tag-filter')).toHaveTextContent('Tag: #career');
    mocked.listResources.mockResolvedValue(list([]));
    fireEvent.click(screen.getByTestId('resources-tag-clear'));
    await waitFor(() => expect(mocked.listResources).toHaveBeenLastCalledWith('p1', 'public speaking', ''));
    expect(await screen.findByTestId('empty')).toHaveTextContent('Nothing matches this search.');
});

test('an empty hub and a failing one', async () => {
    mocked.listResources.mockResolvedValue(list([]));
    const {unmount} = renderAs({}, <ResourcesTab programs={member}/>);
    expect(await screen.findByTestId('empty')).toHaveTextContent('No resources yet.');
    unmount();
    mocked.listResources.mockRejectedValueOnce(new Error('down'));
    renderAs({}, <ResourcesTab programs={member}/>);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load resources: down');
});

test('no program: an invitation to join', () => {
    renderAs({}, <ResourcesTab programs={[]}/>);
    expect(screen.getByTestId('empty')).toHaveTextContent('Join a program to see its resources.');
});

test('recommendations are listed when there are some', async () => {
    mocked.listResources.mockResolvedValue(list([]));
    mocked.recommendedResources.mockResolvedValue([resource({id: 'r7', title: 'Negotiation 101'})]);
    renderAs({}, <ResourcesTab programs={member}/>);
    expect(await screen.findByTestId('resources-recommended-p1')).toHaveTextContent('Recommended for youNegotiation 101');
});

test('sharing resolves ~channel and @user through Mattermost, then posts the share', async () => {
    mocked.listResources.mockResolvedValue(list([resource()]));
    mocked.channelByName.mockResolvedValue({id: 'c-town'});
    mocked.userByUsername.mockResolvedValue({id: 'u-bo'});
    mocked.shareResource.mockResolvedValue(resource({shares: 2}));
    renderAs({}, <ResourcesTab programs={member}/>);
    fireEvent.click(await screen.findByTestId('resource-share-r1'));
    type('share-r1-to', 'town square');
    fireEvent.click(screen.getByTestId('share-r1-submit'));
    expect(await screen.findByTestId('share-r1-invalid')).toHaveTextContent('Type a channel as ~name');
    expect(mocked.shareResource).not.toHaveBeenCalled();

    type('share-r1-to', '~Town-Square');
    type('share-r1-note', 'worth a read');
    fireEvent.click(screen.getByTestId('share-r1-submit'));
    expect(await screen.findByTestId('resource-shared-r1')).toHaveTextContent('Shared.');
    expect(mocked.channelByName).toHaveBeenCalledWith('t1', 'town-square');
    expect(mocked.shareResource).toHaveBeenCalledWith('r1', {channel_id: 'c-town', note: 'worth a read'});

    fireEvent.click(screen.getByTestId('resource-share-r1'));
    type('share-r1-to', '@bo');
    fireEvent.click(screen.getByTestId('share-r1-submit'));
    await waitFor(() => expect(mocked.shareResource).toHaveBeenLastCalledWith('r1', {user_id: 'u-bo'}));
});

test('a share the server refuses shows why', async () => {
    mocked.listResources.mockResolvedValue(list([resource()]));
    mocked.channelByName.mockRejectedValue(apiError(404, 'Unable to find the channel.'));
    renderAs({}, <ResourcesTab programs={member}/>);
    fireEvent.click(await screen.findByTestId('resource-share-r1'));
    type('share-r1-to', '~nowhere');
    fireEvent.click(screen.getByTestId('share-r1-submit'));
    expect(await screen.findByTestId('share-r1-error')).toHaveTextContent('Unable to find the channel.');
});

test('a member suggests a resource and is told it went to the coordinators', async () => {
    mocked.listResources.mockResolvedValue(list([]));
    mocked.addResource.mockResolvedValue(resource({id: 'r2', title: 'My link', status: 'suggested'}));
    renderAs({}, <ResourcesTab programs={member}/>);
    fireEvent.click(await screen.findByTestId('resources-add-p1'));
    expect(screen.getByTestId('resource-form-p1-submit')).toHaveTextContent('Send suggestion');
    type('resource-form-p1-title', ' My link ');
    type('resource-form-p1-url', 'https://mine.example');
    type('resource-form-p1-tags', 'go, , career ');
    type('resource-form-p1-audience', 'mentees');
    fireEvent.click(screen.getByTestId('resource-form-p1-submit'));
    expect(await screen.findByTestId('resources-notice')).toHaveTextContent('Thanks: My link was sent to the coordinators.');
    expect(mocked.addResource).toHaveBeenCalledWith('p1', {title: 'My link', url: 'https://mine.example', tags: ['go', 'career'], audience: 'mentees'});
    // Members have no review section.
    expect(screen.queryByTestId('resource-suggestions-p1')).toBeNull();
});

test('a coordinator edits and removes a resource', async () => {
    mocked.listResources.mockResolvedValue(list([resource({can_edit: true})]));
    mocked.editResource.mockResolvedValue(resource({title: 'Better guide'}));
    mocked.removeResource.mockResolvedValue(null);
    renderAs({}, <ResourcesTab programs={coordinator}/>);
    fireEvent.click(await screen.findByTestId('resource-edit-open-r1'));
    expect(screen.getByTestId('resource-edit-r1-title')).toHaveValue('Feedback guide');
    type('resource-edit-r1-title', 'Better guide');
    fireEvent.click(screen.getByTestId('resource-edit-r1-submit'));
    await waitFor(() => expect(mocked.editResource).toHaveBeenCalledWith('r1', expect.objectContaining({title: 'Better guide', tags: ['feedback', 'career']})));
    fireEvent.click(await screen.findByTestId('resource-remove-r1'));
    fireEvent.click(screen.getByTestId('resource-remove-confirm-r1'));
    await waitFor(() => expect(mocked.removeResource).toHaveBeenCalledWith('r1'));
});

test('a coordinator approves a suggestion', async () => {
    mocked.listResources.mockResolvedValue(list([]));
    mocked.suggestedResources.mockResolvedValue([resource({id: 'r5', title: 'Podcast', status: 'suggested', author_id: 'u-bo'})]);
    mocked.decideResource.mockResolvedValue(resource({id: 'r5', status: 'published'}));
    renderAs({}, <ResourcesTab programs={coordinator}/>);
    const item = await screen.findByTestId('suggested-r5');
    await waitFor(() => expect(item).toHaveTextContent('Suggested by @bo'));
    mocked.suggestedResources.mockResolvedValue([]);
    fireEvent.click(screen.getByTestId('approve-r5'));
    await waitFor(() => expect(mocked.decideResource).toHaveBeenCalledWith('r5', 'approve'));
    expect(await screen.findByTestId('suggestions-empty')).toHaveTextContent('No suggestions waiting.');
});

test('a coordinator edits the onboarding packs per role', async () => {
    mocked.listResources.mockResolvedValue(list([resource(), resource({id: 'r2', title: 'Checklist'})]));
    mocked.getPacks.mockResolvedValue({mentor: ['r1'], mentee: null});
    mocked.savePacks.mockImplementation(async (_p, packs) => packs);
    renderAs({}, <ResourcesTab programs={coordinator}/>);
    fireEvent.click(await screen.findByTestId('packs-toggle-p1'));
    expect(await screen.findByTestId('pack-mentor-r1')).toBeChecked();
    expect(screen.getByTestId('pack-mentee-r1')).not.toBeChecked();
    fireEvent.click(screen.getByTestId('pack-mentee-r2'));
    fireEvent.click(screen.getByTestId('pack-mentor-r1'));
    fireEvent.click(screen.getByTestId('packs-p1-save'));
    expect(await screen.findByText(/New members get these/)).toBeInTheDocument();
    expect(mocked.savePacks).toHaveBeenCalledWith('p1', {mentor: [], mentee: ['r2'], peer: []});
});

test('several programs: a picker chooses the hub', async () => {
    mocked.listResources.mockResolvedValue(list([]));
    renderAs({}, <ResourcesTab programs={[{program: program(), manage: false}, {program: program({id: 'p2', name: 'Autumn'}), manage: false}]}/>);
    await screen.findByTestId('hub-p1');
    type('resources-program', 'p2');
    expect(await screen.findByTestId('hub-p2')).toBeInTheDocument();
    await act(async () => {});
    expect(mocked.listResources).toHaveBeenLastCalledWith('p2', '', '');
});

test('Spanish readers get the hub in Spanish', async () => {
    mocked.listResources.mockResolvedValue(list([resource()]));
    renderAs({locale: 'es'}, <ResourcesTab programs={member}/>);
    expect(await screen.findByTestId('resource-r1')).toHaveTextContent('Todos · 3 vistas · 1 vez compartido');
    expect(screen.getByTestId('resource-share-r1')).toHaveTextContent('Compartir');
    expect(screen.getByTestId('resources-add-p1')).toHaveTextContent('Sugerir un recurso');
});
