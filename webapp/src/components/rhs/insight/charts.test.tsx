import React from 'react';
import {fireEvent, screen, within} from '@testing-library/react';

import {renderAs} from '../../../test_utils';

import {BarChart, barHeight} from './charts';

const heights = (testId: string) => Array.from(screen.getByTestId(testId).querySelectorAll('rect[data-testid=bar]')).map((r) => Number(r.getAttribute('height')));

test('bars are as tall as their value, the largest filling the plot', () => {
    renderAs({}, <BarChart testId='c' title='Sessions' series={[{label: 'Held', color: 'blue'}]} rows={[{label: 'a', values: [1]}, {label: 'b', values: [4]}, {label: 'c', values: [2]}, {label: 'd', values: [0]}]}/>);
    const h = heights('c');
    expect(h).toHaveLength(4);
    expect(h[1]).toBe(barHeight(4, 4));
    expect(h[1]).toBeGreaterThan(0);
    expect(h[0]).toBeCloseTo(h[1] / 4);
    expect(h[2]).toBeCloseTo(h[1] / 2);
    expect(h[3]).toBe(0);
});

test('the chart is an image named by its title, each bar titled with its number', () => {
    renderAs({}, <BarChart testId='c' title='Sessions per week' series={[{label: 'Held', color: 'blue'}]} rows={[{label: 'Nov 16', values: [3]}]}/>);
    const img = screen.getByRole('img', {name: 'Sessions per week'});
    expect(img.querySelector('title')).toHaveTextContent('Sessions per week');
    expect(img.querySelector('rect title')).toHaveTextContent('Nov 16 · Held: 3');
});

test('stacked bars: segments sit on each other, scaled to the tallest total', () => {
    const series = [{label: 'Great', color: 'g'}, {label: 'Fine', color: 'y'}, {label: 'Struggling', color: 'r'}];
    renderAs({}, <BarChart testId='s' title='Check-ins' series={series} rows={[{label: 'w1', values: [2, 1, 1]}, {label: 'w2', values: [1, 0, 0]}]}/>);
    const rects = Array.from(screen.getByTestId('s').querySelectorAll('rect[data-testid=bar]'));
    expect(rects).toHaveLength(6);
    const [g, f, s] = rects.slice(0, 3).map((r) => ({y: Number(r.getAttribute('y')), h: Number(r.getAttribute('height'))}));
    // The first week's total (4) fills the plot: its segments stack without gaps.
    expect(g.h + f.h + s.h).toBeCloseTo(barHeight(4, 4));
    expect(f.y + f.h).toBeCloseTo(g.y);
    expect(s.y + s.h).toBeCloseTo(f.y);
    expect(Number(rects[3].getAttribute('height'))).toBeCloseTo(g.h / 2);
    expect(screen.getByTestId('s')).toHaveTextContent('GreatFineStruggling');
});

test('no data at all draws flat bars, never NaN', () => {
    renderAs({}, <BarChart testId='z' title='Empty' series={[{label: 'Held', color: 'b'}]} rows={[{label: 'a', values: [0]}, {label: 'b', values: [0]}]}/>);
    expect(heights('z')).toEqual([0, 0]);
});

test('the table alternative lists every number', () => {
    const series = [{label: 'Great', color: 'g'}, {label: 'Fine', color: 'y'}];
    renderAs({}, <BarChart testId='t' title='Check-ins' series={series} rows={[{label: 'w1', values: [2, 1]}, {label: 'w2', values: [0, 5]}]}/>);
    expect(screen.queryByTestId('t-table')).toBeNull();
    fireEvent.click(screen.getByTestId('t-table-toggle'));
    const table = screen.getByRole('table', {name: 'Check-ins'});
    const rows = within(table).getAllByRole('row').map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([['', 'Great', 'Fine'], ['w1', '2', '1'], ['w2', '0', '5']]);
    expect(screen.getByTestId('t-table-toggle')).toHaveTextContent('Hide the table');
});
