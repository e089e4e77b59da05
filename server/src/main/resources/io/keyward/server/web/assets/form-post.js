// OAuth 2.0 Form Post Response Mode: send the authorization response to the app as soon as the page loads.
document.getElementById('form-post').submit();
