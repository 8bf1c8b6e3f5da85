// Renders the survey of survey-data.js (window.BENCH_SURVEY_JSON) into #survey, in Chinese,
// as SurveyJS's own "Add a Survey to a JavaScript Application" guide does. The model is left
// on window.__survey for the bench, which reads whether an answer was taken.
(function () {
  var survey = new Survey.Model(window.BENCH_SURVEY_JSON);
  survey.locale = "zh-cn";
  window.__survey = survey;
  survey.render(document.getElementById("survey"));
})();
