import htm from 'htm';
import { h, type VNode } from 'preact';

/** Preact with tagged templates: no JSX transform, nothing to configure in the build. */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
