import React from 'react';
import {fireEvent, render, screen} from '@testing-library/react';

import {t} from '../../i18n';

import {Empty, ErrorBox, Loading} from './states';

test('loading and empty states show their label', () => {
    render(<><Loading label='Loading…'/><Empty label='Nothing here'/></>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.getByTestId('empty')).toHaveTextContent('Nothing here');
});

test('the error box offers a retry only when it can', () => {
    const retry = jest.fn();
    const {rerender} = render(<ErrorBox message='Failed' onRetry={retry}/>);
    fireEvent.click(screen.getByText('Try again'));
    expect(retry).toHaveBeenCalledTimes(1);
    rerender(<ErrorBox message='Failed'/>);
    expect(screen.queryByText('Try again')).toBeNull();
});

test('messages fill their placeholders', () => {
    expect(t('rhs.joined', {program: 'Spring'})).toBe('You joined Spring. Check your DMs for a welcome.');
});
