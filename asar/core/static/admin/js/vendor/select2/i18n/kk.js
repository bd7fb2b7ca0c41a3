/* Kazakh messages for the admin's autocomplete (Select2 4.0.13 ships none; Asar's own). */
(function () {
  "use strict";
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define("select2/i18n/kk", [], function () {
    return {
      errorLoading: function () { return "Нәтижелерді жүктеу мүмкін болмады"; },
      inputTooLong: function (args) {
        return (args.input.length - args.maximum) + " таңбаға азырақ енгізіңіз";
      },
      inputTooShort: function (args) {
        return "Тағы кемінде " + (args.minimum - args.input.length) + " таңба енгізіңіз";
      },
      loadingMore: function () { return "Тағы жүктелуде…"; },
      maximumSelected: function (args) {
        return "Ең көбі " + args.maximum + " элемент таңдауға болады";
      },
      noResults: function () { return "Нәтиже табылмады"; },
      searching: function () { return "Іздеу…"; },
      removeAllItems: function () { return "Барлығын алып тастау"; },
      removeItem: function () { return "Алып тастау"; },
      search: function () { return "Іздеу"; }
    };
  });
})();
