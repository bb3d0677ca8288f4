import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

interface Props {
    /** Zero-based, as the API counts. */
    page: number;
    pages: number;
    onPage: (page: number) => void;
    /** Prefix of the buttons' test ids: {prefix}-prev, {prefix}-next. */
    testId: string;
}

/** Previous / next for a paged list; nothing when it fits on one page. */
export default function Pager({page, pages, onPage, testId}: Props) {
    const intl = useIntl();
    if (pages <= 1) {
        return null;
    }
    return (
        <nav aria-label={intl.formatMessage({id: 'pager.label'})} style={{display: 'flex', gap: 8, alignItems: 'center', marginTop: 8, fontSize: 12}}>
            <button type='button' className='btn btn-tertiary btn-xs' disabled={page <= 0} onClick={() => onPage(page - 1)} data-testid={`${testId}-prev`}>
                <FormattedMessage id='pager.previous'/>
            </button>
            <span data-testid={`${testId}-page`}><FormattedMessage id='pager.page' values={{page: page + 1, pages}}/></span>
            <button type='button' className='btn btn-tertiary btn-xs' disabled={page >= pages - 1} onClick={() => onPage(page + 1)} data-testid={`${testId}-next`}>
                <FormattedMessage id='pager.next'/>
            </button>
        </nav>
    );
}
