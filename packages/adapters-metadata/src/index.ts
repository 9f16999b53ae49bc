export { ExifrMetadataReader, metadataOf } from './exifr-metadata-reader.js';
export { GeoNamesPlaceFinder } from './geonames-place-finder.js';
