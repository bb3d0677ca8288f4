import React from 'react';
import {fireEvent, screen} from '@testing-library/react';

import {renderAs} from '../../test_utils';

import {Empty, ErrorBox, Loading} from './states';

test('loading and empty states show their label', () => {
    renderAs({}, <><Loading label='Loading…'/><Empty label='Nothing here'/></>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.getByTestId('empty')).toHaveTextContent('Nothing here');
});

test('the error box offers a retry only when it can', () => {
    const retry = jest.fn();
    const {unmount} = renderAs({}, <ErrorBox message='Failed' onRetry={retry}/>);
    fireEvent.click(screen.getByText('Try again'));
    expect(retry).toHaveBeenCalledTimes(1);
    unmount();
    renderAs({}, <ErrorBox message='Failed'/>);
    expect(screen.queryByText('Try again')).toBeNull();
});

test('the retry button speaks the reader\'s language', () => {
    renderAs({locale: 'es'}, <ErrorBox message='Falló' onRetry={jest.fn()}/>);
    expect(screen.getByRole('button')).toHaveTextContent('Reintentar');
});
