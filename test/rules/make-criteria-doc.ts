import { writeFileSync } from 'node:fs';
import { CRITERIA_DOC, criteriaDocument, readCriteria } from './criteria';

writeFileSync(CRITERIA_DOC, criteriaDocument(readCriteria()));
