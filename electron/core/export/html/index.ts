export { renderPaperHtml, withColon, type PaperHtmlOptions } from './paper.js';
export { renderMeetingHtml, type MeetingHtmlOptions } from './meeting.js';
export { renderResultHtml, resultHeading, resultItemLine, resultLine, resultWhenLine, type ResultHtmlOptions } from './result.js';
export { docToHtml } from './doc-html.js';
export { embeddedFontCss } from './fonts.js';
export { renderMinutesHtml, renderExtractHtml, type MinutesHtmlOptions } from './minutes.js';
