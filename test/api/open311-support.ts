/** Shared by the Open311 API tests: a real XML parser, the official GeoReport v2 JSON Schemas, and a FixMyStreet-shaped submission. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import type { Response } from 'supertest';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaDir = path.resolve(here, '../fixtures/open311');

/** Elements that repeat: always arrays, as FixMyStreet's XML::Simple ForceArray makes them. */
const LIST_ELEMENTS = new Set(['service', 'attribute', 'value', 'request', 'request_update', 'error', 'endpoint', 'format']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

/** Parses an XML answer after checking it is one: UTF-8 text/xml with a declaration. */
export function xmlOf(res: Response): any {
  expect(res.headers['content-type'], res.text).to.equal('text/xml; charset=utf-8');
  expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>'), res.text.slice(0, 80)).to.equal(true);
  return parser.parse(res.text);
}

export function jsonOf(res: Response): any {
  expect(res.headers['content-type'], res.text).to.match(/^application\/json/);
  return JSON.parse(res.text);
}

/** Checks an error answer in either format: the status, and `<errors><error><code/><description/>` or `[{code, description}]`. */
export function expectOpen311Error(res: Response, status: number, descriptionPart?: RegExp | string): string {
  expect(res.status, res.text).to.equal(status);
  expect(res.text).to.not.match(/<html|<!doctype|at \w+ \(|node_modules/i);
  let description: string;
  if (res.headers['content-type']?.startsWith('application/json')) {
    const body = jsonOf(res);
    expect(body).to.be.an('array').with.length(1);
    expect(Object.keys(body[0]).sort()).to.deep.equal(['code', 'description']);
    expect(body[0].code).to.equal(status);
    description = body[0].description;
  } else {
    const doc = xmlOf(res);
    expect(Object.keys(doc)).to.deep.equal(['?xml', 'errors']);
    expect(doc.errors.error).to.have.length(1);
    expect(doc.errors.error[0].code).to.equal(String(status));
    description = doc.errors.error[0].description;
  }
  expect(description).to.be.a('string').and.not.equal('');
  if (descriptionPart) expect(description).to.match(typeof descriptionPart === 'string' ? new RegExp(descriptionPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : descriptionPart);
  return description;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function loadSchema(name: string): object {
  return JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8'));
}

/** Validators for the official GeoReport v2 schemas (request.json and service.json are $ref'd by the plural ones). */
export function georeportSchemas(): Record<'services' | 'service' | 'serviceDefinition' | 'requests' | 'request', ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addSchema(loadSchema('request.json'), 'request.json');
  ajv.addSchema(loadSchema('service.json'), 'service.json');
  return {
    services: ajv.compile(loadSchema('services.json')),
    service: ajv.getSchema('service.json')!,
    serviceDefinition: ajv.compile(loadSchema('service-definition.json')),
    requests: ajv.compile(loadSchema('requests.json')),
    request: ajv.getSchema('request.json')!,
  };
}

export function expectValid(validate: ValidateFunction, value: unknown): void {
  const ok = validate(value);
  expect(ok, JSON.stringify(validate.errors, null, 1)).to.equal(true);
}

/** What FixMyStreet's Open311.pm (UK cobrands) writes as the description: title, detail, url, with CRLF line ends. */
export function fixMyStreetDescription(title: string, detail: string, reportId: number): string {
  return `title: ${title}\r\n\r\ndetail: ${detail}\r\n\r\nurl: https://www.fixmystreet.com/report/${reportId}\r\n\r\nSubmitted via FixMyStreet\r\n`;
}

/** The form body FixMyStreet POSTs to requests.xml: its parameter names, 6-decimal coordinates, attribute[...] per extra question. */
export function fixMyStreetForm(o: {
  apiKey: string;
  jurisdiction?: string;
  serviceCode: string;
  lat: number;
  lng: number;
  description: string;
  attributes: Record<string, string>;
  mediaUrl?: string;
  person?: { first: string; last: string; email: string; phone?: string };
}): string {
  const form = new URLSearchParams();
  form.append('api_key', o.apiKey);
  if (o.jurisdiction) form.append('jurisdiction_id', o.jurisdiction);
  form.append('service_code', o.serviceCode);
  form.append('lat', o.lat.toFixed(6));
  form.append('long', o.lng.toFixed(6));
  form.append('description', o.description);
  if (o.person) {
    form.append('first_name', o.person.first);
    form.append('last_name', o.person.last);
    form.append('email', o.person.email);
    if (o.person.phone) form.append('phone', o.person.phone);
  }
  if (o.mediaUrl) form.append('media_url', o.mediaUrl);
  for (const [code, value] of Object.entries(o.attributes)) form.append(`attribute[${code}]`, value);
  return form.toString();
}
