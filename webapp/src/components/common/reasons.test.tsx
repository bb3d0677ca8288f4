import React from 'react';
import {screen} from '@testing-library/react';

import {renderAs} from '../../test_utils';
import type {Reason} from '../../types';

import {Reasons, type ReasonPair, partnerView} from './reasons';

// The engine's English text is deliberately different from every rendering,
// so a test can tell the two apart.
const reason = (kind: string, more: Partial<Reason> = {}): Reason => ({kind, points: 0, text: `engine text for ${kind}`, ...more});

const asMentee: ReasonPair = {viewer: 'mentee', mentor: '@ana'};
const asMentor: ReasonPair = {viewer: 'mentor', mentee: '@bob'};
const asCoordinator: ReasonPair = {viewer: 'other', mentee: '@bob', mentor: '@ana'};

function said(r: Reason, pair: ReasonPair, locale = 'en'): string {
    const {unmount} = renderAs({locale}, <Reasons reasons={[r]} {...pair}/>);
    const text = screen.getByTestId('reasons').textContent ?? '';
    unmount();
    return text;
}

describe.each([
    ['skill', reason('skill', {term: 'public speaking'}), [
        'You want public speaking; @ana offers it',
        '@bob wants public speaking; you offer it',
        '@bob wants public speaking; @ana offers it',
    ]],
    ['goal', reason('goal', {term: 'lead a team'}), [
        'Your goal “lead a team”: @ana knows it',
        '@bob’s goal “lead a team”: you know it',
        '@bob’s goal “lead a team”: @ana knows it',
    ]],
    ['interest', reason('interest', {term: 'chess'}), [
        'You are both interested in chess',
        'You are both interested in chess',
        'Both are interested in chess',
    ]],
    ['language', reason('language', {term: 'Spanish'}), [
        'You both speak Spanish',
        'You both speak Spanish',
        'Both speak Spanish',
    ]],
    ['time_zone', reason('time_zone', {amount: 180}), [
        '3 h of shared working time',
        '3 h of shared working time',
        '3 h of shared working time',
    ]],
    ['experience (mentor ahead)', reason('experience', {amount: 5}), [
        '@ana has 5 more years of experience',
        'You have 5 more years of experience than @bob',
        '@ana has 5 more years of experience than @bob',
    ]],
    ['experience (mentor behind)', reason('experience', {amount: -2}), [
        '@ana has 2 fewer years of experience',
        'You have 2 fewer years of experience than @bob',
        '@ana has 2 fewer years of experience than @bob',
    ]],
])('reason kind %s', (_kind, r, [mentee, mentor, other]) => {
    test('as the mentee', () => expect(said(r, asMentee)).toBe(mentee));
    test('as the mentor', () => expect(said(r, asMentor)).toBe(mentor));
    test('as a coordinator', () => expect(said(r, asCoordinator)).toBe(other));
});

test('Spanish readers read every side in Spanish', () => {
    const skill = reason('skill', {term: 'go'});
    expect(said(skill, asMentee, 'es')).toBe('Quieres go; @ana lo ofrece');
    expect(said(skill, asMentor, 'es')).toBe('@bob quiere go; tú lo ofreces');
    expect(said(skill, asCoordinator, 'es')).toBe('@bob quiere go; @ana lo ofrece');
    expect(said(reason('language', {term: 'Spanish'}), asMentee, 'es')).toBe('Los dos habláis Spanish');
    expect(said(reason('interest', {term: 'chess'}), asCoordinator, 'es')).toBe('A ambos les interesa chess');
    expect(said(reason('goal', {term: 'liderar'}), asMentor, 'es')).toBe('Objetivo de @bob, «liderar»: tú lo dominas');
    expect(said(reason('experience', {amount: 1}), asMentee, 'es')).toBe('@ana tiene 1 año más de experiencia');
    expect(said(reason('experience', {amount: -3}), asMentor, 'es')).toBe('Tienes 3 años menos de experiencia que @bob');
    expect(said(reason('time_zone', {amount: 150}), asMentee, 'es')).toBe('2,5 h de horario laboral compartido');
});

test('hours keep a tenth and years their singular', () => {
    expect(said(reason('time_zone', {amount: 150}), asMentee)).toBe('2.5 h of shared working time');
    expect(said(reason('time_zone', {amount: 100}), asMentee)).toBe('1.7 h of shared working time');
    expect(said(reason('experience', {amount: 1}), asMentor)).toBe('You have 1 more year of experience than @bob');
    expect(said(reason('experience', {amount: -1}), asCoordinator)).toBe('@ana has 1 fewer year of experience than @bob');
});

test('a kind this webapp does not know falls back to the engine text', () => {
    expect(said(reason('department', {term: 'sales'}), asMentee)).toBe('engine text for department');
    expect(said(reason('department', {term: 'sales'}), asMentee, 'es')).toBe('engine text for department');
});

test('points follow each reason, none for a reason worth nothing', () => {
    renderAs({}, <Reasons reasons={[reason('skill', {term: 'go', points: 40}), reason('language', {term: 'English'})]} {...asCoordinator}/>);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['@bob wants go; @ana offers it (40 points)', 'Both speak English']);
});

test('no reasons, no list', () => {
    const {container} = renderAs({}, <Reasons reasons={[]} {...asMentee}/>);
    expect(container).toBeEmptyDOMElement();
});

test('one of the pair sees it from their side, naming the partner', () => {
    const pair = {mentee_id: 'u-bob', mentor_id: 'u-ana'};
    expect(partnerView(pair, 'u-bob', '@ana')).toEqual({viewer: 'mentee', mentor: '@ana'});
    expect(partnerView(pair, 'u-ana', '@bob')).toEqual({viewer: 'mentor', mentee: '@bob'});
});
