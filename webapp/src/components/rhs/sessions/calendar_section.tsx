// "Calendar & reminders": the private feed URL and my reminder preferences.
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {sectionTitle} from '../../common/states';

import CalendarFeed from './calendar_feed';
import ReminderPrefs from './reminder_prefs';

export default function CalendarSection() {
    const intl = useIntl();
    return (
        <section aria-label={intl.formatMessage({id: 'calendar.title'})} data-testid='calendar-section'>
            <h4 style={sectionTitle}><FormattedMessage id='calendar.title'/></h4>
            <CalendarFeed/>
            <ReminderPrefs/>
        </section>
    );
}
