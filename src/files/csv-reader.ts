export { detectCsvDelimiter, readCsv, type CsvDelimiter } from '../read/csv';
export { decodeText as decodeCsvText } from '../read/text-decode';
