export { renderPaperDocx, buildPaperDocument, type PaperDocxOptions } from './paper.js';
export { renderMeetingDocx, buildMeetingDocument, type MeetingDocxOptions } from './meeting.js';
export { renderResultDocx, buildResultDocument } from './result.js';
export { renderMinutesDocx, buildMinutesDocument, renderExtractDocx, buildExtractDocument } from './minutes.js';
