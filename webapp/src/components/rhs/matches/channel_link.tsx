// A link to a pair's channel. Inside Mattermost, WebappUtils.browserHistory
// switches channels without reloading the page; elsewhere (the test host page)
// the plain href is followed.
import React from 'react';
import {FormattedMessage} from 'react-intl';
import {useSelector} from 'react-redux';

interface TeamsState {
    entities: {teams: {currentTeamId: string; teams?: Record<string, {name?: string} | undefined>}};
}

declare global {
    interface Window {
        WebappUtils?: {browserHistory?: {push: (path: string) => void}};
    }
}

/** The web app path of a channel: /{team name}/channels/{channel id}. */
export function channelPath(teamName: string, channelId: string): string {
    return `/${teamName}/channels/${channelId}`;
}

export default function ChannelLink({teamId, channelId, testId}: {teamId: string; channelId: string; testId: string}) {
    const teamName = useSelector((state: TeamsState) => {
        const teams = state.entities.teams;
        return teams.teams?.[teamId]?.name || teams.teams?.[teams.currentTeamId]?.name || '';
    });
    if (!teamName) {
        return null;
    }
    const path = channelPath(teamName, channelId);
    const open = (e: React.MouseEvent) => {
        const history = window.WebappUtils?.browserHistory;
        if (history) {
            e.preventDefault();
            history.push(path);
        }
    };
    return (
        <a href={path} onClick={open} data-testid={testId} className='btn btn-tertiary btn-sm'>
            <FormattedMessage id='matches.open_channel'/>
        </a>
    );
}
