// A link to a pair's channel. Inside Mattermost, WebappUtils.browserHistory
// switches channels without reloading the page; elsewhere (the test host page)
// the plain href is followed.
import React from 'react';
import {FormattedMessage} from 'react-intl';
import {useSelector} from 'react-redux';

import type {MessageId} from '../../../i18n';

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

interface Props {
    /** The channel's team; '' (or an unknown one) means the current team. */
    teamId: string;
    channelId: string;
    testId: string;
    label?: MessageId;
}

export default function ChannelLink({teamId, channelId, testId, label = 'matches.open_channel'}: Props) {
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
            <FormattedMessage id={label}/>
        </a>
    );
}
